// Real public handler: lcnsilva/teste-fatto-api, config/dbConnection.js, commit 44f897aeb5f2658e1d265b80f113f971a68b3bba.
// Rewritten here (exported as handler instead of a default export); the init shape is kept.
import { neon } from '@neondatabase/serverless';

const sql = neon(process.env.DATABASE_URL); // expect: none (@neondatabase/serverless index.mjs neon(): a query function; no request until one is awaited)

const requestHandler = async () => {
  const result = await sql`SELECT version()`; // expect: none (in the handler)
  const data = JSON.stringify(result);
  return data;
};

export const handler = requestHandler;
