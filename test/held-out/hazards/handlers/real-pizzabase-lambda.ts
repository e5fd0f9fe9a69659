// Real public handler: pizza-to-the-polls/pizzabase, src/lambda.ts, commit cd43f0706d600cb4fc8f47d16079d88214e4f880.
// Rewritten here (typeorm against SQL Server instead of Postgres); the init shape is kept:
// serverless(app) at module scope, the DataSource initialised inside the handler.
import serverless from 'serverless-http';
import { initializeDataSource } from './lib/data-source.js';
import app from './lib/express-app.js';

const proxy = serverless(app); // expect: none (serverless-http: wraps the app; no socket)

const setUpDB = async () => {
  try {
    await initializeDataSource(); // expect: none (runs in the handler)
  } catch (e) {
    console.error('Could not create connection');
    throw e;
  }
};

export const handler = async (event: object, context: object) => {
  await setUpDB();
  return await proxy(event, context);
};
