// drizzle-orm 0.45 over postgres (porsager) and over neon-http: drizzle() wraps a lazy client.
import { drizzle } from 'drizzle-orm/postgres-js';
import { drizzle as drizzleNeon } from 'drizzle-orm/neon-http';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { neon } from '@neondatabase/serverless';

const queryClient = postgres(process.env.DATABASE_URL!); // expect: none (postgres/src/pool.js: no connection before a query)
export const db = drizzle(queryClient); // expect: none (drizzle-orm/postgres-js/driver.js construct(): wraps the client in a PgDatabase, no query)
export const byUrl = drizzle(process.env.DATABASE_URL!); // expect: none (driver.js drizzle(string): pgClient(url), the same lazy postgres() client)
export const http = drizzleNeon(neon(process.env.DATABASE_URL!)); // expect: none (drizzle-orm/neon-http/driver.js: wraps the neon() query function; nothing is fetched)
export const ping = await db.execute(sql`select 1`); // expect: SR107 (the query runs on queryClient: postgres keeps the connection open, idle_timeout null by default)
export const migrated = await http.execute(sql`select 1`); // expect: SR107 (a neon() HTTP query at init: the global fetch keeps its socket alive in undici's pool)

export const handler = async () => {
  const rows = await byUrl.execute(sql`select now()`); // expect: none (in the handler)
  return { rows, ping: ping.length, migrated: migrated.rows };
};
