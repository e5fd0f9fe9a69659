import { beforeEach, expect, it, jest } from '@jest/globals';
import { getAfterRestore, resetHooks, runAfterRestore, runBeforeSnapshot, simulateSnapStart } from 'snapshot-restore/testing';

beforeEach(() => {
  resetHooks(); // empty registry, no phase started
  jest.resetModules(); // so that each test's import() runs the module again, and registers again
});

it('closes before the snapshot and reconnects after the restore', async () => {
  const { Db, log } = await import('../src/db');
  const before = Db.connection;
  await runBeforeSnapshot();
  expect(Db.connection).toBeUndefined();
  await runAfterRestore({ timeoutMs: 1000 });
  expect(Db.connection).toMatch(/^[0-9a-f-]{36}$/);
  expect(Db.connection).not.toBe(before);
  expect(log).toEqual(['close', 'reconnect', 'warm:restore']);
});

it('registers its hooks again in the next test', async () => {
  await import('../src/db');
  expect(getAfterRestore().map((hook) => hook.name)).toEqual(['Db.reconnect', '<anonymous>']);
  await simulateSnapStart();
});
