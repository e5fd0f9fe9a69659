import { beforeEach, expect, it, jest } from '@jest/globals';
import { getAfterRestore, resetHooks, runAfterRestore, runBeforeSnapshot, simulateSnapStart } from 'snapshot-restore/testing';

beforeEach(() => {
  resetHooks(); // empty registry, no phase started
  jest.resetModules(); // so that each test's require() runs the module again, and registers again
});

it('closes before the snapshot and reconnects after the restore', async () => {
  // require(), as Jest's own docs load a module after jest.resetModules(): in a CommonJS test
  // file, "module": "Node16" keeps `import()` a real ES import, which Jest runs only with
  // --experimental-vm-modules.
  const { Db, log } = require('../src/db') as typeof import('../src/db');
  const before = Db.connection;
  await runBeforeSnapshot();
  expect(Db.connection).toBeUndefined();
  await runAfterRestore({ timeoutMs: 1000 });
  expect(Db.connection).toMatch(/^[0-9a-f-]{36}$/);
  expect(Db.connection).not.toBe(before);
  expect(log).toEqual(['close', 'reconnect', 'warm:restore']);
});

it('registers its hooks again in the next test', async () => {
  require('../src/db');
  expect(getAfterRestore().map((hook) => hook.name)).toEqual(['Db.reconnect', '<anonymous>']);
  await simulateSnapStart();
});
