// ulid 3: ulid() and monotonic factories.
import { decodeTime, monotonicFactory, ulid } from 'ulid';

export const bootId = ulid(); // expect: SR104 (ulid's ulid(): time from Date.now() and random from the PRNG)
const next = monotonicFactory(); // expect: none (a factory: the last time and random are kept only once it is called)
export const firstId = next(); // expect: SR104 (the factory's first ID, at init: its monotonic state is cloned)
export const when = decodeTime(bootId); // expect: none (reads the time out of an ID)

export const handler = async () => ({ id: next(), bootId, firstId, when }); // expect: none (in the handler)
