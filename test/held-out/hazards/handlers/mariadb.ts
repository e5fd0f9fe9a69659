// mariadb 3.5 (promise API): createPool fills the pool at once; createConnection resolves once connected.
import mariadb from 'mariadb';

export const pool = mariadb.createPool({ host: 'db', user: 'app', password: process.env.DB_PASSWORD, connectionLimit: 5 }); // expect: SR107 (mariadb/lib/pool.js constructor calls _managePoolSize(): minimumIdle defaults to connectionLimit (lib/config/pool-options.js), so connections open at init)
export const quiet = mariadb.createPool({ host: 'db', user: 'app', connectionLimit: 5, minimumIdle: 0 }); // expect: none (pool.js _shouldCreateMoreConnections(): nothing to create while totalConnections() >= minimumIdle = 0)
export const conn = await mariadb.createConnection({ host: 'db', user: 'app', password: process.env.DB_PASSWORD }); // expect: SR107 (promise.js createConnection(): conn.connect() resolves with an open socket)

export const handler = async () => {
  const rows = await quiet.query('select 1 as one'); // expect: none (in the handler)
  const other = await mariadb.createConnection({ host: 'db', user: 'app' }); // expect: none (in the handler)
  await other.end();
  return { rows, total: pool.totalConnections(), id: conn.threadId };
};
