// TypeORM 1: a DataSource, as its docs show, initialised at init.
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { DataSource } from 'typeorm';

export const AppDataSource = new DataSource({ type: 'postgres', host: process.env.DB_HOST, port: 5432, username: 'app', database: 'app' }); // expect: none (typeorm/data-source/DataSource.js: the constructor only builds the driver; nothing connects before initialize())
await AppDataSource.initialize(); // expect: SR107 (DataSource.js initialize() → driver.connect(): typeorm/driver/postgres/PostgresDriver.js connect() → createPool() → pool.connect(): a pg connection left idle in the pool at the snapshot)

const reports = new DataSource({ type: 'postgres', url: process.env.REPORTS_URL }); // expect: none (constructor only)
await reports.initialize(); // expect: none (closed before the snapshot and initialised again after the restore below)
registerBeforeSnapshot(() => reports.destroy());
registerAfterRestore(() => reports.initialize());

const migrations = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL }); // expect: none (constructor only)
await migrations.initialize(); // expect: none (destroyed again at init below: DataSource.js destroy() → driver.disconnect() ends the pool)
await migrations.runMigrations(); // expect: none (the same connection, closed below)
await migrations.destroy();

export const lazy = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL }); // expect: none (constructor only)

export const handler = async () => {
  if (!lazy.isInitialized) await lazy.initialize(); // expect: none (in the handler: after the restore)
  return AppDataSource.query('select 1'); // expect: none (in the handler)
};
