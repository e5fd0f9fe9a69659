// The data-source module of real-pizzabase-lambda.ts, reduced: a typeorm DataSource initialised on demand.
import 'reflect-metadata';
import { DataSource } from 'typeorm';

export const AppDataSource = new DataSource({ type: 'mssql', host: process.env.DB_HOST, username: process.env.DB_USER, password: process.env.DB_PASSWORD, database: process.env.DB_NAME, entities: [], synchronize: false }); // expect: none (typeorm DataSource.js constructor: no connection)

export const initializeDataSource = async () => {
  if (!AppDataSource.isInitialized) await AppDataSource.initialize(); // expect: none (called from the handler only)
  return AppDataSource;
};
