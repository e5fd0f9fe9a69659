// pg-boss 10.4.2: the constructor only builds a Db wrapper (src/db.js constructor stores the config; the pg.Pool is made
// in open()); start() opens the pool, runs the migration queries (contractor.start) and starts the manager's timers
// (src/index.js start()).
import PgBoss from 'pg-boss';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

const boss = new PgBoss(process.env.DATABASE_URL ?? 'postgres://app:pw@pg.internal:5432/jobs'); // expect: none (src/index.js constructor + db.js constructor: no pool, no socket until start())
boss.on('error', () => undefined);
await boss.start().catch(() => undefined); // expect: SR107 (start(): db.open() makes the pg.Pool and contractor.start() queries through it: an idle pooled socket at the snapshot; the manager timers belong to it)

const reports = new PgBoss({ connectionString: process.env.REPORTS_URL ?? 'postgres://pg-reports.internal/jobs', schedule: false, supervise: false }); // expect: none (not started at init)

let mail = new PgBoss({ connectionString: process.env.MAIL_URL ?? 'postgres://pg-mail.internal/jobs' }); // expect: none (constructor only)
mail.on('error', () => undefined);
await mail.start().catch(() => undefined); // expect: none (stopped before the snapshot and made and started again after the restore by the hooks below)
registerBeforeSnapshot(async () => {
  await mail.stop({ graceful: false, wait: true }).catch(() => undefined);
});
registerAfterRestore(async () => {
  mail = new PgBoss({ connectionString: process.env.MAIL_URL ?? 'postgres://pg-mail.internal/jobs' });
  await mail.start();
});

export const handler = async (event: { to: string }) => {
  await reports.start(); // expect: none (in the handler)
  const id = await boss.send('email', event);
  await mail.send('welcome', event);
  return { id };
};
