// typeorm 1.1 with the SQL Server driver (mssql): a DataSource connects in initialize().
import 'reflect-metadata';
import { DataSource, EntitySchema } from 'typeorm';

const User = new EntitySchema<{ id: number; name: string }>({ name: 'user', columns: { id: { type: Number, primary: true, generated: true }, name: { type: String } } });

export const AppDataSource = new DataSource({ type: 'mssql', host: 'db', username: 'app', password: process.env.DB_PASSWORD, database: 'app', entities: [User], options: { trustServerCertificate: true } }); // expect: none (typeorm/data-source/DataSource.js constructor: builds the driver object; SqlServerDriver's constructor loads mssql but makes no pool)
await AppDataSource.initialize(); // expect: SR107 (DataSource.js initialize() → driver.connect(): SqlServerDriver.js connect() creates the mssql pool, then getCurrentDatabase()/getCurrentSchema() run on a connection that goes back idle to the pool (searchSchema is never preset))

export const Lazy = new DataSource({ type: 'mssql', host: 'db', database: 'app', entities: [User] }); // expect: none (constructor only)

export const handler = async () => {
  if (!Lazy.isInitialized) await Lazy.initialize(); // expect: none (in the handler: after the restore)
  return { users: await AppDataSource.getRepository(User).count(), lazy: await Lazy.getRepository(User).count() };
};
