// A query builder made from a kept client, and credential variables read through a library.
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import env from 'env-var';
import postgres from 'postgres';

const client = postgres(process.env.DATABASE_URL ?? 'postgres://db.internal/app'); // expect: none (postgres src/index.js: no connection before a query)
export const db = drizzle(client); // expect: none (drizzle-orm/postgres-js/driver.js: wraps the client, no query)
export const warm = await db.execute(sql`select 1`); // expect: SR107 (the query runs on client: postgres keeps the connection, idle_timeout null by default)
export const accessKeyId = env.get('AWS_ACCESS_KEY_ID').asString(); // expect: SR108 (env-var env-var.js: from(process.env) reads container[name]; the static key variable, unset under SnapStart)
export const region = env.get('AWS_REGION').default('eu-west-1').asString(); // expect: none (not a credential; set under SnapStart)

export const handler = async () => {
  const rows = await db.execute(sql`select now()`); // expect: none (in the handler)
  return { rows, warm: warm.length, accessKeyId, region, secret: env.get('AWS_SECRET_ACCESS_KEY').asString() }; // expect: SR108 (read in the handler, but still the static key variable: unset under SnapStart wherever it is read)
};
