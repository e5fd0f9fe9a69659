// tedious 20: a Connection connects only when connect() is called.
import { Connection, Request } from 'tedious';

const config = { server: 'db', authentication: { type: 'default' as const, options: { userName: 'app', password: process.env.DB_PASSWORD! } }, options: { encrypt: true } };
export const idle = new Connection(config); // expect: none (tedious/lib/connection.js constructor: validates and stores the config; the socket opens in connect())
export const eager = new Connection(config); // expect: none (constructor only)
eager.connect((err) => { if (err) console.error(err); }); // expect: SR107 (connection.js connect(): opens the TDS socket at init; nothing closes it before the snapshot)

export const handler = async () =>
  new Promise((resolve, reject) => {
    const conn = new Connection(config); // expect: none (in the handler)
    conn.connect((err) => {
      if (err) return reject(err);
      conn.execSql(new Request('select 1', (e, rows) => (e ? reject(e) : resolve(rows))));
    });
  });
