// pg-promise 12.7: pgp(cn) makes a Database over a lazy pg Pool; any query checks a client out and releases it idle (idleTimeoutMillis).
import pgPromise from 'pg-promise';
import { registerBeforeSnapshot } from 'snapshot-restore';

const pgp = pgPromise({ capSQL: true }); // expect: none (lib/main.js: the library instance; no connection)
export const db = pgp(process.env.DATABASE_URL ?? 'postgres://app@pg.internal:5432/app'); // expect: none (lib/database.js Database(): new pg.Pool(); the pool opens nothing)
const conn = await db.connect(); // expect: SR107 (lib/connect.js pool(): a pg client is checked out and never done(): its socket is open at the snapshot)
export const serverVersion = conn.client.serverVersion; // expect: none (a string read from the connection already reported)

const reports = pgp({ host: process.env.REPORTS_HOST ?? 'pg-reports.internal', database: 'reports', max: 2 }); // expect: none (lazy pool)
export const settings = await reports.one('SELECT current_setting($1) AS tz', ['TimeZone']); // expect: SR107 (the query checks a client out of the pg Pool and releases it idle: pg-pool keeps it open for idleTimeoutMillis, open at the snapshot)

const audit = pgp(process.env.AUDIT_URL ?? 'postgres://app@pg-audit.internal:5432/audit'); // expect: none (lazy pool)
await audit.none('SELECT 1'); // expect: none (pg-pool end() in the before-snapshot hook below closes the idle client: nothing is open at the snapshot)
registerBeforeSnapshot(() => audit.$pool.end());

export const handler = async (event: { id: number }) => {
  const row = await db.oneOrNone('SELECT * FROM users WHERE id = $1', [event.id]); // expect: none (in the handler)
  return { row, serverVersion, settings };
};
