// Real public module: Ap3teus/riffstop, functions/src/common/db.ts, commit a7400a51df419dae220466542a47a5f378b215e7.
// Rewritten: `import * as pg from 'pg-promise'` becomes a default import, and the secrets.json import (not published)
// is dropped; the init shape is kept.
import pg from 'pg-promise';

const { POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_DB } = process.env;

const pgp = pg(); // expect: none (the library instance)
export const db = pgp( // expect: none (lib/database.js: a lazy pg Pool; nothing connects until a query)
  POSTGRES_USER
    ? {
        user: POSTGRES_USER,
        password: POSTGRES_PASSWORD,
        database: POSTGRES_DB,
        host: 'localhost',
      }
    : (process.env.PROD_DB ?? 'postgres://app@pg.internal/app'),
);

console.log(db.$cn); // expect: none (logs the connection settings)
