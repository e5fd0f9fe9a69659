// Loaded by dynamic-import.ts through a top-level await of import(): its top level runs at init.
import postgres from 'postgres';

export const sql = postgres(process.env.DATABASE_URL!); // expect: none (postgres/src/pool.js: lazy until a query)
export const settings = await sql`select key, value from settings`; // expect: SR107 (runs at init because dynamic-import.ts awaits this module at its top level: the connection stays open, idle_timeout null)
