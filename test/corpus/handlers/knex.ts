// knex 3: the pool is created at once but empty; a warm-up query leaves a connection in it.
import knex from 'knex';

export const db = knex({ client: 'pg', connection: process.env.DATABASE_URL }); // expect: none (knex/lib/client.js initializePool makes a tarn Pool; tarn/dist/Pool.js creates resources only in acquire())
await db.raw('select 1'); // expect: SR107 (the warm-up acquires a connection and releases it to tarn's free list; Pool.check() reaps only above min, 2 by default)

export const handler = async () => db('users').first(); // expect: none (in the handler)
