// @neondatabase/serverless 1.2: neon() over HTTP (fetch), Pool and Client over WebSockets.
import { neon, Pool, Client } from '@neondatabase/serverless';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

const sql = neon(process.env.DATABASE_URL!); // expect: none (index.mjs neon(): returns a tagged-template query function; fetch runs only when a query is awaited)
export const version = await sql`select version()`; // expect: SR107 (index.mjs: the query goes through the global fetch, whose undici Agent keeps the socket alive in its pool at the snapshot)
export const pool = new Pool({ connectionString: process.env.DATABASE_URL }); // expect: none (index.mjs: Pool extends the bundled pg Pool, whose constructor only stores options)
await pool.query('select 1'); // expect: SR107 (the bundled pg-pool keeps the client idle for idleTimeoutMillis (3e4 in index.mjs): its WebSocket is open at the snapshot)

let client = new Client(process.env.DATABASE_URL); // expect: none (constructor only: the WebSocket opens in connect())
await client.connect(); // expect: none (closed before the snapshot and replaced after the restore below)
registerBeforeSnapshot(() => client.end());
registerAfterRestore(async () => {
  client = new Client(process.env.DATABASE_URL);
  await client.connect();
});

export const handler = async () => {
  const rows = await sql`select now()`; // expect: none (in the handler)
  const fresh = new Pool({ connectionString: process.env.DATABASE_URL }); // expect: none (in the handler)
  return { rows, version, fresh: fresh.totalCount, pid: (await client.query('select pg_backend_pid()')).rows };
};
