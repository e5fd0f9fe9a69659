// mssql 12 (tedious): connect() checks one connection and closes it; a query leaves one idle in the tarn pool.
import sql from 'mssql';

const config = { server: 'db', user: 'app', password: process.env.DB_PASSWORD, database: 'app', options: { trustServerCertificate: true } };
export const pool = new sql.ConnectionPool(config); // expect: none (mssql/lib/base/connection-pool.js constructor: parses the config, opens nothing)
await pool.connect(); // expect: none (connection-pool.js _connect(): one test connection made by _poolCreate() is closed again by _poolDestroy(), then a tarn.Pool with min: 0 holds no connection)
export const warm = await pool.request().query('select 1 as ok'); // expect: SR107 (the request acquires a tedious connection from tarn and releases it to the free list, kept idleTimeoutMillis 30000: open at the snapshot)
export const shared = await sql.connect(config); // expect: none (lib/global-connection.js connect(): a global ConnectionPool and its connect(), the same test connection closed again)
export const seeded = await sql.query`select 1 as ok`; // expect: SR107 (lib/global-connection.js query() runs on the global pool: its connection stays idle in tarn)

export const handler = async (event: { id: number }) => {
  const result = await pool.request().input('id', sql.Int, event.id).query('select * from users where id = @id'); // expect: none (in the handler)
  return { rows: result.recordset, warm: warm.recordset, shared: shared.connected, seeded: seeded.recordset };
};
