// Held-out forms, written after the library tables and run once before any change for them: the
// same libraries reached through namespaces, init functions, chains, variables and callbacks.
import { randomBytes } from 'node:crypto';
import * as pg from 'pg';
import IORedis from 'ioredis';
import { createClient } from 'redis';
import { MongoClient } from 'mongodb';
import mysql from 'mysql2/promise';
import { v4 } from 'uuid';

let pool: pg.Pool | undefined;
async function init() {
  pool = new pg.Pool(); // expect: none (pg-pool: the constructor opens nothing)
  await pool.query('select 1'); // expect: SR107 (init() runs at init: query() leaves a client idle in the pool)
}
await init();

export const eager = new IORedis({ host: 'cache', lazyConnect: false }); // expect: SR107 (lazyConnect: false is the default: Redis.js connects in the constructor)
const options = { host: 'cache', lazyConnect: true };
export const viaOptions = new IORedis(options); // expect: none (lazyConnect: true, through a variable)
export const redisClient = createClient(); // expect: none (@redis/client: no socket before connect())
redisClient.on('error', (err) => console.error(err)); // expect: none (a listener, no I/O)
await redisClient.connect(); // expect: SR107 (connect() opens the socket at init)
export const mongo = await new MongoClient(process.env.MONGODB_URI!).connect(); // expect: SR107 (connect() in the same expression)
export const conn = await mysql.createConnection(process.env.DATABASE_URL!); // expect: SR107 (mysql2 BaseConnection constructor: Net.connect)
export const ids = Array.from({ length: 3 }, () => v4()); // expect: SR104 (Array.from calls the callback at once, at init)
export const stamp = `${Date.now()}`; // expect: SR105 (kept in a template string)
export const token = randomBytes(32).toString('hex'); // expect: SR103 (the same token in every restore)

const seen = new Map<string, number>();
export function remember(key: string) {
  seen.set(key, Date.now()); // expect: none (runs only when the handler calls it)
}

export const handler = async () => {
  remember('x');
  return [pool?.totalCount, eager.status, viaOptions.status, mongo, conn, ids, stamp, token];
};
