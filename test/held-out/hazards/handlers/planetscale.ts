// @planetscale/database 1.20: a Connection over HTTP; every execute() is a fetch.
import { connect, Client } from '@planetscale/database';

const conn = connect({ url: process.env.DATABASE_URL }); // expect: none (dist/index.js connect(): new Client(config).connection(), config only; fetch is stored, not called)
const client = new Client({ host: process.env.DATABASE_HOST, username: process.env.DATABASE_USERNAME, password: process.env.DATABASE_PASSWORD }); // expect: none (dist/index.js Client constructor: stores the config)
export const warm = await conn.execute('select 1'); // expect: SR107 (dist/index.js postJSON(): this.fetch = config.fetch || fetch, the global fetch: its keep-alive socket stays in undici's pool at the snapshot)

export const handler = async (event: { id: string }) => {
  const rows = await conn.execute('select * from users where id = ?', [event.id]); // expect: none (in the handler)
  const other = await client.execute('select 1'); // expect: none (in the handler)
  return { rows: rows.rows, other: other.rows, warm: warm.time };
};
