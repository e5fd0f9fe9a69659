// postgres (porsager) 4: the sql tagged template, as its docs show.
import postgres from 'postgres';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

export const sql = postgres(process.env.DATABASE_URL!); // expect: none (postgres/src/index.js Postgres(): builds the pool's connection objects; none connects before the first query)
await sql`select 1`; // expect: SR107 (the first query connects (src/connection.js connect() → net.Socket), and the connection stays open: idle_timeout defaults to null)

let renewed = postgres({ host: 'db', database: 'app' }); // expect: none (lazy, as above)
await renewed`select 1`; // expect: none (ended before the snapshot and made again after the restore below)
registerBeforeSnapshot(() => renewed.end());
registerAfterRestore(() => {
  renewed = postgres({ host: 'db', database: 'app' });
});

export const handler = async () => sql`select now()`; // expect: none (in the handler)
