// Real public handler: higorworkout/Projeto-desafio-fullstack, backend/src/lambda.ts, commit c7a452d95bdd3ea74f0c3f65335c37dfc1a27014.
// Rewritten here (serverless-http instead of @vendia/serverless-express, export named handler); the
// shape is kept: a cached handler built by bootstrap() on the first invoke, which initialises the DataSource.
import serverless from 'serverless-http';
import app from './lib/express-app.js';
import { AppDataSource } from './lib/data-source.js';

let cachedHandler: ReturnType<typeof serverless> | undefined;

const bootstrap = async () => {
  if (!AppDataSource.isInitialized) {
    await AppDataSource.initialize(); // expect: none (bootstrap() runs from the handler, after the restore)
  }
  cachedHandler = serverless(app);
  return cachedHandler;
};

export const handler = async (event: object, context: object) => {
  const h = cachedHandler ?? (await bootstrap());
  return h(event, context);
};
