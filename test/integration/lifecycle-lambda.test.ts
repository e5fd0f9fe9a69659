// snapStart() for ESM handlers on the stock Node.js runtime, run as a real process against the
// Runtime API emulator: the lifecycle, its error paths, exit codes, endpoints, headers and bodies.
import { mkdtempSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST_FILE } from '../../plugin/core/build/manifest.js';
import { MANIFEST_FILE as RUNTIME_MANIFEST_FILE } from '../../runtime/lifecycle/manifest-check.js';
import { runNode } from '../helpers/bundle.js';
import { AFTER_HOOKS, BEFORE_HOOKS, buildEsmHandler, requireBuild, run, writeFile, type Running } from '../helpers/lifecycle.js';
import { stdoutLinesUntil } from '../helpers/output.js';

let handlerFile: string;
let running: Running | undefined;

beforeAll(async () => {
  requireBuild();
  handlerFile = await buildEsmHandler();
});
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

const paths = (r: Running) => r.emulator.calls.map((call) => `${call.method} ${call.path.replace('/2018-06-01', '')} ${call.status}`);

describe('snapStart() under SnapStart', () => {
  it('runs before-snapshot hooks, waits on /restore/next, then runs after-restore hooks', async () => {
    running = await run([handlerFile]);
    await running.emulator.waitForRestoreNext();
    // The hooks printed before the runtime called /restore/next, but a pipe and a socket are read
    // in no fixed order: wait for the line.
    await stdoutLinesUntil(running.runtime, `HOOK ${BEFORE_HOOKS.at(-1)}`);
    expect(running.hooks()).toEqual(BEFORE_HOOKS);
    expect(running.runtime.stdout).not.toContain('LIFECYCLE done');

    await running.emulator.restore();
    const exit = await running.runtime.exited;
    expect(exit.code).toBe(0);
    expect(running.hooks()).toEqual([...BEFORE_HOOKS, ...AFTER_HOOKS]);
    expect(running.runtime.stdout).toContain('LIFECYCLE done');
    expect(paths(running)).toEqual(['GET /runtime/restore/next 200']);
  });

  it('reports a failing before-snapshot hook to init/error as Runtime.BeforeSnapshotError and exits 64', async () => {
    running = await run([handlerFile], { env: { FAIL_BEFORE: '1' } });
    const exit = await running.runtime.exited;
    expect(exit.code).toBe(64);
    expect(paths(running)).toEqual(['POST /runtime/init/error 202']);
    const error = running.emulator.initError!;
    expect(error.sentErrorType).toBe('Runtime.BeforeSnapshotError');
    expect(error.body?.errorType).toBe('Runtime.BeforeSnapshotError');
    expect(error.errorMessage).toMatch(
      /^before-snapshot hook closeConnection \(registered at .*index\.mjs:\d+:\d+\) failed: Error: cannot close the connection; 1 later before-snapshot hook did not run$/,
    );
    expect(error.body?.stackTrace?.join('\n')).toContain('Caused by: Error: cannot close the connection');
    expect(running.runtime.stderr).toContain('cannot close the connection');
    expect(running.hooks()).toEqual([]);
  });

  it('reports a failing after-restore hook to restore/error as Runtime.AfterRestoreError and exits 65', async () => {
    running = await run([handlerFile], { env: { FAIL_AFTER: '1' } });
    await running.emulator.restore();
    const exit = await running.runtime.exited;
    expect(exit.code).toBe(65);
    expect(paths(running)).toEqual(['GET /runtime/restore/next 200', 'POST /runtime/restore/error 202']);
    const error = running.emulator.restoreError!;
    expect(error.sentErrorType).toBe('Runtime.AfterRestoreError');
    expect(error.errorMessage).toMatch(/^after-restore hook reconnect \(registered at .*\) failed: Error: cannot reconnect; 1 later after-restore hook did not run$/);
    expect(running.hooks()).toEqual(BEFORE_HOOKS);
  });

  it('fails an after-restore hook that hangs past its deadline, naming it', async () => {
    running = await run([handlerFile], { env: { HANG_AFTER: '20000', AFTER_RESTORE_TIMEOUT_MS: '300' } });
    await running.emulator.restore();
    const exit = await running.runtime.exited;
    expect(exit.code).toBe(65);
    expect(running.emulator.restoreError?.errorMessage).toMatch(/^after-restore hook reconnect \(registered at .*\) did not finish within 300 ms; 1 later/);
  });

  it('treats a /restore/next answer other than 200 as a before-snapshot failure', async () => {
    // Told it is SnapStart, but the API has no restore routes (404): the runtime must not go on.
    running = await run([handlerFile], { emulator: { snapStart: false }, env: { AWS_LAMBDA_INITIALIZATION_TYPE: 'snap-start' } });
    const exit = await running.runtime.exited;
    expect(exit.code).toBe(64);
    expect(paths(running)).toEqual(['GET /runtime/restore/next 404', 'POST /runtime/init/error 202']);
    expect(running.emulator.initError?.sentErrorType).toBe('Runtime.BeforeSnapshotError');
    expect(running.emulator.initError?.errorMessage).toMatch(/^Runtime API GET \/runtime\/restore\/next answered 404/);
  });

  it('uses a fresh connection for /restore/next, never one kept from before the snapshot', async () => {
    running = await run([handlerFile]);
    await running.emulator.restore();
    await running.runtime.exited;
    expect(running.emulator.calls.every((call) => !call.preSnapshotConnection)).toBe(true);
  });
});

describe('snapStart() outside SnapStart', () => {
  it('does nothing: no restore call, no hooks', async () => {
    running = await run([handlerFile], { emulator: { snapStart: false } });
    const exit = await running.runtime.exited;
    expect(exit.code).toBe(0);
    expect(running.emulator.calls).toEqual([]);
    expect(running.hooks()).toEqual([]);
    expect(running.runtime.stdout).toContain('LIFECYCLE done');
  });
});

describe('snapStart() with SnapStart set but no Runtime API (a unit test, a local run)', () => {
  it('does nothing and says why on stderr', async () => {
    const result = await runNode(handlerFile, [], { AWS_LAMBDA_INITIALIZATION_TYPE: 'snap-start', AWS_LAMBDA_RUNTIME_API: '' });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('LIFECYCLE done');
    expect(result.stdout).not.toContain('HOOK');
    expect(result.stderr).toContain('AWS_LAMBDA_RUNTIME_API is not set, so this is not Lambda: the lifecycle does not run');
  });
});

describe('the build manifest', () => {
  const hooks = {
    beforeSnapshot: [
      { name: 'closeConnection', file: 'src/hooks.ts', line: 9, column: 0 },
      { name: 'flushMetrics', file: 'src/hooks.ts', line: 6, column: 0 },
    ],
    afterRestore: [
      { name: 'reconnect', file: 'src/hooks.ts', line: 15, column: 0 },
      { name: 'refreshSecrets', file: 'src/secrets.ts', line: 4, column: 2 },
      { name: 'countRestore', file: 'src/hooks.ts', line: 21, column: 0 },
    ],
  };

  /** Runs a copy of the handler bundle with `manifest` beside it; resolves with its stderr. */
  async function stderrWith(manifest: object): Promise<string> {
    const other = mkdtempSync(`${dirname(handlerFile)}-manifest-`);
    const copy = writeFile(other, 'index.mjs', readFileSync(handlerFile, 'utf8'));
    writeFile(other, 'snapshot-restore.manifest.json', JSON.stringify({ version: 1, generator: 'snapshot-restore', ...manifest }));
    running = await run([copy]);
    await running.emulator.restore();
    await running.runtime.exited;
    return running.runtime.stderr;
  }

  const warning = 'snapshot-restore: the build saw a hook that never registered: after-restore hook refreshSecrets (src/secrets.ts:4:2)';

  it('is looked for under the name the plugin writes', () => {
    // runtime/ cannot import plugin/ (it runs in every bundle), so the name is written twice.
    expect(RUNTIME_MANIFEST_FILE).toBe(MANIFEST_FILE);
  });

  it('warns, naming them, about hooks the build saw that never registered', async () => {
    const stderr = await stderrWith({ output: 'dist/index.mjs', ...hooks });
    expect(stderr).toContain(warning);
    expect(stderr).not.toContain('reconnect');
  });

  it('reads the lists of its own bundle when the build had several entry points', async () => {
    const stderr = await stderrWith({
      beforeSnapshot: [],
      afterRestore: [],
      entries: [
        { output: 'dist/other.mjs', beforeSnapshot: [], afterRestore: [] },
        { output: 'dist/index.mjs', ...hooks },
      ],
    });
    expect(stderr).toContain(warning);
  });

  it('ignores a manifest written for another bundle in the same folder', async () => {
    const stderr = await stderrWith({ output: 'dist/other-function.mjs', ...hooks });
    expect(stderr).not.toContain('never registered');
  });
});
