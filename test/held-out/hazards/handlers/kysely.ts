// kysely 0.29 with its MssqlDialect (tarn + tedious): the pool is made on the first query.
import { Kysely, MssqlDialect, sql } from 'kysely';
import * as tarn from 'tarn';
import * as tedious from 'tedious';

interface Database { users: { id: number; name: string } }

export const db = new Kysely<Database>({ // expect: none (kysely/dist/kysely.js constructor: a RuntimeDriver that calls the dialect driver's init() only on the first connection)
  dialect: new MssqlDialect({
    tarn: { ...tarn, options: { min: 0, max: 10 } },
    tedious: { ...tedious, connectionFactory: () => new tedious.Connection({ server: 'db', authentication: { type: 'default', options: { userName: 'app', password: process.env.DB_PASSWORD! } } }) },
  }),
});
export const version = await sql<{ v: string }>`select @@version as v`.execute(db); // expect: SR107 (dialect/mssql/mssql-driver.js init() makes the tarn.Pool; the query's connection is released idle to tarn (idleTimeoutMillis 30000 by default) and is open at the snapshot)

export const handler = async () => {
  const users = await db.selectFrom('users').selectAll().execute(); // expect: none (in the handler)
  return { users, version: version.rows };
};
