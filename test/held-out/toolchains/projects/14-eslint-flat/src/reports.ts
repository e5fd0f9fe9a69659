// Reports function: a Postgres client connected at init (SR107) and a setting read at init.
import pg from 'pg';
import { registerBeforeSnapshot } from 'snapshot-restore';
import { snapStart } from 'snapshot-restore/lambda';

const client = new pg.Client({ host: process.env.DB_HOST, database: 'reports' });
await client.connect();

const generatedAt = new Date();

function logShutdown() {
  console.log('hook:logShutdown');
}

registerBeforeSnapshot(logShutdown);

export const handler = async () => {
  const { rows } = await client.query('select count(*) from reports');
  return { rows, generatedAt };
};

await snapStart();
