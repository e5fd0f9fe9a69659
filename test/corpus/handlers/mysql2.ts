// mysql2 3: createPool is lazy, createConnection connects at once (both APIs).
import mysql from 'mysql2/promise';
import mysqlCallback from 'mysql2';

export const pool = mysql.createPool({ uri: process.env.DATABASE_URL }); // expect: none (mysql2/lib/base/pool.js: the constructor creates no connection; getConnection() does, on first query)
export const connection = await mysql.createConnection({ uri: process.env.DATABASE_URL }); // expect: SR107 (mysql2/lib/base/connection.js: BaseConnection's constructor calls Net.connect)
export const callbackConnection = mysqlCallback.createConnection({ host: 'db', user: 'app' }); // expect: SR107 (the same BaseConnection constructor)
export const callbackPool = mysqlCallback.createPool({ host: 'db', user: 'app' }); // expect: none (the same lazy pool)

export const handler = async () => {
  const [rows] = await pool.query('select 1'); // expect: none (in the handler)
  return rows;
};
