// @sapphire/snowflake 3.5 and flake-idgen 1.4: generators whose state is a worker ID, a sequence and the last time.
import { Snowflake } from '@sapphire/snowflake';
import FlakeId from 'flake-idgen';

const epoch = new Date('2024-01-01T00:00:00.000Z'); // expect: none (a given date, not now)
const snowflake = new Snowflake(epoch); // expect: none (dist/esm/index.mjs constructor: stores the epoch; processId 1n, workerId 0n and the increment are constants, the same in a cold start)
export const bootSnowflake = snowflake.generate(); // expect: SR104 (generate() at init: an ID from the init time, the same in every restore)
const flake = new FlakeId({ datacenter: 1, worker: Number(process.env.WORKER_ID ?? 0) }); // expect: none (flake-idgen/flake-id-gen.js constructor: id, seq = 0 and lastTime = 0, nothing from the clock)
export const bootFlake = flake.next(); // expect: SR104 (next() at init: a Buffer ID from the init time and sequence, kept)

export const handler = async () => ({ id: snowflake.generate().toString(), flake: flake.next().toString('hex'), bootSnowflake, bootFlake }); // expect: none (in the handler)
