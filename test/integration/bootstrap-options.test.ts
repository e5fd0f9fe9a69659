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

// 2^31 ms is past a Node.js timer's range: setTimeout would fire it after 1 ms.
for (const value of ['5s', '0', String(2 ** 31)]) {
  it(`a value that is not a number of milliseconds a timer takes (${value}): one line, reported to init/error, exit 2`, async () => {
    running = await runBootstrap(cjsFile, 'handler', { env: { SNAPSHOT_RESTORE_BEFORE_SNAPSHOT_TIMEOUT_MS: value } });
    expect((await running.runtime.exited).code).toBe(2);
    expect(running.runtime.stderr).toBe(
      `snapshot-restore: SNAPSHOT_RESTORE_BEFORE_SNAPSHOT_TIMEOUT_MS must be a whole number of milliseconds from 1 to 2147483647, but is "${value}"\n`,
    );
    expect(running.emulator.initError?.sentErrorType).toBe('Runtime.InvalidConfiguration');
  });
}
