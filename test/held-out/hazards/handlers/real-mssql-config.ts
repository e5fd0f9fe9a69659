// Real public handler: doggino/aws-serverless, src/functions/homepage/getHomepageData.handler.ts, commit 307026bc537f05edeeb0cca5fbd0a7a60ecbe7fc.
// Rewritten here (export named handler); the init shape is kept: an mssql config at module scope, no pool.
import type { config as SqlConfig } from 'mssql';
import sql from 'mssql';

const dbConfig: SqlConfig = {
  user: 'your_username',
  password: 'your_password',
  server: 'your_server_name',
  database: 'your_database_name',
  options: { encrypt: true, trustServerCertificate: true },
};

export const handler = async (event: unknown) => {
  console.log('event', event);
  try {
    const pool = await new sql.ConnectionPool(dbConfig).connect(); // expect: none (in the handler)
    await pool.close();
    return { statusCode: 200, body: JSON.stringify({ message: 'Hello, world!' }) };
  } catch (err) {
    console.error(err);
    return { statusCode: 500, body: JSON.stringify({ message: 'Internal server error' }) };
  }
};
