// postgres (porsager) 4.2: the sql function is lazy; a query opens a connection that idles forever by default.
import postgres from 'postgres';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

export const sql = postgres(process.env.DATABASE_URL!); // expect: none (src/index.js Postgres(): Pool(options) in src/pool.js opens connections only in grow(), when a query waits)
export const lazy = postgres({ host: 'db', max: 1, idle_timeout: 20 }); // expect: none (constructor only, as above)
export const [{ now }] = await sql`select now()`; // expect: SR107 (src/pool.js: the query opens a connection, kept because idle_timeout defaults to null in src/index.js)

let renewed = postgres(process.env.DATABASE_URL!); // expect: none (ended before the snapshot and replaced after the restore below)
await renewed`select 1`; // expect: none (its connection is closed by sql.end() in the before-snapshot hook)
registerBeforeSnapshot(() => renewed.end());
registerAfterRestore(() => {
  renewed = postgres(process.env.DATABASE_URL!);
});

export const handler = async () => {
  const rows = await lazy`select 1 as one`; // expect: none (in the handler)
  return { rows, now, again: await renewed`select 2` };
};
