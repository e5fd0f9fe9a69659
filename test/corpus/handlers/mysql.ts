// mysql 2 (mysqljs): unlike mysql2, createConnection does not connect: the first query or connect() does.
import mysql from 'mysql';

export const lazy = mysql.createConnection({ host: 'db', user: 'app' }); // expect: none (mysql/lib/Connection.js: the constructor sets up the protocol; Net.createConnection runs in connect(), which query() implies)
const connected = mysql.createConnection({ host: 'db', user: 'app' }); // expect: none (constructor only)
connected.connect(); // expect: SR107 (Connection.prototype.connect: Net.createConnection(port, host))
export const pool = mysql.createPool({ host: 'db', user: 'app' }); // expect: none (mysql/lib/Pool.js: connections are made in getConnection())

export const handler = async () => {
  lazy.query('select 1'); // expect: none (in the handler)
  return connected.threadId;
};
