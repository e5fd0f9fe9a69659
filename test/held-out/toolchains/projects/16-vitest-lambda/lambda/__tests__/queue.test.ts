// The recipe of docs/testing.md for vitest: reset the registry and the module cache before each
// test, then import the hook modules again.
import { resetHooks, runAfterRestore, runBeforeSnapshot, simulateSnapStart } from 'snapshot-restore/testing';

beforeEach(() => {
  resetHooks();
  vi.resetModules();
});

it('closes before the snapshot and reconnects after the restore, in order', async () => {
  const { enqueue } = await import('@/queue');
  const { Db, events } = await import('@/db');
  expect(enqueue('a')).toBeDefined();
  await runBeforeSnapshot();
  expect(Db.connection).toBeUndefined();
  await runAfterRestore({ timeoutMs: 1000 });
  expect(Db.connection).toBeDefined();
  expect(events).toEqual(['drainQueue', 'Db.close', 'Db.reconnect', 'resumeQueue']);
});

it('runs both phases with simulateSnapStart after a fresh import', async () => {
  const { Db, events } = await import('@/db');
  await import('@/queue');
  await simulateSnapStart();
  expect(Db.connection).toBeDefined();
  expect(events).toEqual(['drainQueue', 'Db.close', 'Db.reconnect', 'resumeQueue']);
});
