import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { RuntimeApiEmulator, startRuntimeProcess, type EmulatorOptions, type RuntimeProcess } from '../../emulator/index.js';
import { HANG_MS } from '../helpers/hang.js';
import { stdoutLinesUntil } from '../helpers/output.js';

const fixture = fileURLToPath(new URL('../../fixtures/emulator/fetch-runtime.mjs', import.meta.url));

const emulators: RuntimeApiEmulator[] = [];
const processes: RuntimeProcess[] = [];
async function start(options: EmulatorOptions = {}): Promise<RuntimeApiEmulator> {
  const emulator = await RuntimeApiEmulator.start({ waitTimeoutMs: HANG_MS, ...options });
  emulators.push(emulator);
  return emulator;
}
function run(emulator: RuntimeApiEmulator, behaviour = 'ok', env: Record<string, string | undefined> = {}): RuntimeProcess {
  const runtime = startRuntimeProcess({ emulator, args: [fixture], env: { FIXTURE_BEHAVIOUR: behaviour, ...env } });
  processes.push(runtime);
  return runtime;
}
afterEach(async () => {
  await Promise.all(processes.splice(0).map((runtime) => runtime.stop()));
  await Promise.all(emulators.splice(0).map((emulator) => emulator.close()));
});

describe('a real runtime process', () => {
  it('goes through init, the snapshot, the restore and invokes', async () => {
    const emulator = await start({ snapStart: true });
    const runtime = run(emulator);
    await emulator.waitForRestoreNext();
    // The hooks printed before the runtime called /restore/next, but a pipe and a socket are read
    // in no fixed order: wait for the line.
    await stdoutLinesUntil(runtime, 'before-snapshot');
    expect(runtime.stdout).not.toContain('after-restore');

    await emulator.restore();
    const first = await emulator.invoke({ n: 1 });
    expect(first).toMatchObject({ ok: true, payload: { echo: { n: 1 }, count: 1, initializationType: 'snap-start' } });
    expect(runtime.stdout).toContain('after-restore body=""');

    const failed = await emulator.invoke({ fail: 'on purpose' });
    expect(failed.ok).toBe(false);
    expect(failed.error).toMatchObject({ errorType: 'Function.TestFailure', errorMessage: 'on purpose' });

    const last = await emulator.invoke({ n: 3, exit: 0 });
    expect(last.payload).toMatchObject({ count: 3 });
    expect(await runtime.exited).toEqual({ code: 0, signal: null });
    expect(emulator.restoreError).toBeUndefined();
    expect(emulator.calls.map((call) => call.path.replace(/invocation\/[^/]+\/(response|error)$/, 'invocation/ID/$1'))).toEqual([
      '/2018-06-01/runtime/restore/next',
      '/2018-06-01/runtime/invocation/next',
      '/2018-06-01/runtime/invocation/ID/response',
      '/2018-06-01/runtime/invocation/next',
      '/2018-06-01/runtime/invocation/ID/error',
      '/2018-06-01/runtime/invocation/next',
      '/2018-06-01/runtime/invocation/ID/response',
    ]);
  });

  it('runs on-demand without touching the restore routes', async () => {
    const emulator = await start();
    const runtime = run(emulator);
    const result = await emulator.invoke({ n: 1, exit: 0 });
    expect(result.payload).toMatchObject({ initializationType: 'on-demand' });
    await runtime.exited;
    expect(runtime.stdout).not.toContain('before-snapshot');
  });

  it('sees a failing after-restore hook: restore error recorded, invoke failed, exit code 65', async () => {
    const emulator = await start({ snapStart: true });
    const runtime = run(emulator, 'after-restore-fails');
    await emulator.restore();
    const result = await emulator.invoke({});
    expect(result.ok).toBe(false);
    expect(result.error?.errorType).toBe('Runtime.AfterRestoreError');
    expect((await runtime.exited).code).toBe(65);
    expect(emulator.state).toBe('RestoreError');
  });

  it('fails waits and invokes at once when the process dies during init', async () => {
    const emulator = await start({ snapStart: true });
    const runtime = run(emulator, 'exit-at-init');
    await expect(emulator.waitForRestoreNext()).rejects.toThrow(/the runtime exited \(code 3/);
    expect((await emulator.invoke({})).error?.errorType).toBe('Runtime.ExitError');
    expect(runtime.stderr).toContain('init: giving up');
  });

  it("does not pass the parent's AWS credentials or Lambda variables to the child", async () => {
    const emulator = await start({ snapStart: true });
    const saved = { key: process.env.AWS_ACCESS_KEY_ID, handler: process.env._HANDLER };
    process.env.AWS_ACCESS_KEY_ID = 'AKIAPARENTPROCESSKEY';
    process.env._HANDLER = 'parent.handler';
    try {
      const runtime = startRuntimeProcess({
        emulator,
        args: ['-e', 'console.log(JSON.stringify(process.env))'],
      });
      processes.push(runtime);
      await runtime.exited;
      const env = JSON.parse(runtime.stdout);
      expect(env.AWS_ACCESS_KEY_ID).toBeUndefined();
      expect(env._HANDLER).toBeUndefined();
      expect(env.AWS_LAMBDA_INITIALIZATION_TYPE).toBe('snap-start');
      expect(env.AWS_LAMBDA_RUNTIME_API).toBe(emulator.address);
      expect(env.PATH).toBe(process.env.PATH);
    } finally {
      if (saved.key === undefined) delete process.env.AWS_ACCESS_KEY_ID;
      else process.env.AWS_ACCESS_KEY_ID = saved.key;
      if (saved.handler === undefined) delete process.env._HANDLER;
      else process.env._HANDLER = saved.handler;
    }
  });

  it('stop() ends a runtime parked on /restore/next', async () => {
    const emulator = await start({ snapStart: true });
    const runtime = run(emulator);
    await emulator.waitForRestoreNext();
    const exit = await runtime.stop();
    expect(exit.signal).toBe('SIGTERM');
    expect(emulator.state).toBe('Exited');
  });
});
