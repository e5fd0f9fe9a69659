// pg 8: a Pool and a Client, as node-postgres's docs show them.
import pg, { Client, Pool } from 'pg';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

export const pool = new Pool({ connectionString: process.env.DATABASE_URL }); // expect: none (pg-pool/index.js: Pool's constructor only copies options; a socket opens in connect()/query() through newClient)
const client = new pg.Client({ connectionString: process.env.DATABASE_URL }); // expect: none (pg/lib/client.js: the constructor makes a Connection whose net.Socket is not connected before _connect())
await client.connect(); // expect: SR107 (pg/lib/client.js connect() → _connect() → con.connect(port, host): the socket is open at the snapshot)

const warm = new Pool({ connectionString: process.env.DATABASE_URL }); // expect: none (constructor only, as above)
await warm.query('select 1'); // expect: SR107 (pg-pool/index.js: query() checks a client out and releases it to the idle list, kept for idleTimeoutMillis, 10000 by default)

let renewed = new pg.Client(); // expect: none (constructor only)
await renewed.connect(); // expect: none (closed by the before-snapshot hook below and replaced after the restore)
registerBeforeSnapshot(() => renewed.end());
registerAfterRestore(async () => {
  renewed = new pg.Client();
  await renewed.connect();
});

export const lazy = new Client(); // expect: none (constructor only)

export const handler = async () => {
  await lazy.connect(); // expect: none (in the handler: after the restore)
  const { rows } = await pool.query('select now()'); // expect: none (in the handler)
  return { rows, client: client.processID, warm: warm.totalCount };
};
