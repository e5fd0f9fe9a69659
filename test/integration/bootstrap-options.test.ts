// startRuntime's options as environment variables, for the bootstrap run as a script.
import { afterEach, beforeAll, expect, it } from 'vitest';
import { buildCjsHandler, requireBuild, runBootstrap, type Running } from '../helpers/lifecycle.js';

let cjsFile: string;
let running: Running | undefined;
beforeAll(async () => {
  requireBuild();
  cjsFile = await buildCjsHandler();
});
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

it('SNAPSHOT_RESTORE_AFTER_RESTORE_TIMEOUT_MS bounds the after-restore hooks', async () => {
  running = await runBootstrap(cjsFile, 'handler', { env: { HANG_AFTER: '60000', SNAPSHOT_RESTORE_AFTER_RESTORE_TIMEOUT_MS: '300' } });
  await running.emulator.restore();
  expect((await running.runtime.exited).code).toBe(65);
  expect(running.emulator.restoreError?.errorMessage).toMatch(/^after-restore hook reconnect \(registered at .*\) did not finish within 300 ms/);
});

it('a value that is not a number of milliseconds: one line, reported to init/error, exit 2', async () => {
  running = await runBootstrap(cjsFile, 'handler', { env: { SNAPSHOT_RESTORE_BEFORE_SNAPSHOT_TIMEOUT_MS: '5s' } });
  expect((await running.runtime.exited).code).toBe(2);
  expect(running.runtime.stderr).toBe('snapshot-restore: SNAPSHOT_RESTORE_BEFORE_SNAPSHOT_TIMEOUT_MS must be a whole number of milliseconds greater than 0, but is "5s"\n');
  expect(running.emulator.initError?.sentErrorType).toBe('Runtime.InvalidConfiguration');
});
