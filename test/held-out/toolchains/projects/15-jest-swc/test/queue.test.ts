// The recipe of docs/testing.md for Jest: reset the registry and the module cache before each
// test, then load the hook modules with require() so that they register again.
import { beforeEach, expect, it, jest } from '@jest/globals';
import { resetHooks, runAfterRestore, runBeforeSnapshot } from 'snapshot-restore/testing';

beforeEach(() => {
  resetHooks();
  jest.resetModules();
});

it('closes before the snapshot and reconnects after the restore, in order', async () => {
  const { enqueue } = require('../src/queue');
  const { Db, events } = require('../src/db');
  expect(enqueue('a')).toBeDefined();
  await runBeforeSnapshot();
  expect(Db.connection).toBeUndefined();
  await runAfterRestore({ timeoutMs: 1000 });
  expect(Db.connection).toBeDefined();
  // before-snapshot: reverse registration order (db registers first, being imported by queue).
  expect(events).toEqual(['drainQueue', 'Db.close', 'Db.reconnect', 'resumeQueue']);
});

it('registers again in a second test', async () => {
  const { Db } = require('../src/db');
  require('../src/queue');
  await runBeforeSnapshot();
  await runAfterRestore({ timeoutMs: 1000 });
  expect(Db.connection).toBeDefined();
});
