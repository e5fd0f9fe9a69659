// Failures that end, and say why: process.exit at init, an init that never finishes (the
// deadline, and no second run in plain processes), a child process left running, failing hooks
// (shown as failed, named at the user's source), Ctrl-C, and files that cannot be written.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emulate, type EmulateOptions } from '../../emulator/snapshot/emulate.js';
import { formatReport } from '../../emulator/snapshot/report.js';
import { repoRoot, runtimeAlias, tempDir } from '../helpers/bundle.js';
import { requireBuild } from '../helpers/lifecycle.js';
import { runCommand } from '../helpers/run-cli.js';
import { withinHang } from '../helpers/hang.js';

const fixture = (name: string) => join(repoRoot, 'fixtures/emulate', name);
/** Resolves with true once `pid` has ended (a SIGKILL is delivered asynchronously); still running after HANG_MS is a hang. */
function ended(pid: number): Promise<boolean> {
  return withinHang(
    untilTrue(() => !alive(pid)),
    `the end of process ${pid}`,
  );
}
/** Resolves once `check()` is true, asked every 20 ms (no event tells a process's end or a file's writing). */
async function untilTrue(check: () => boolean): Promise<true> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 20));
  return true;
}
const run = (name: string, options: Partial<EmulateOptions> = {}) => emulate({ entry: fixture(name), restores: 2, alias: runtimeAlias, cwd: repoRoot, ...options });
/** Running (a zombie waiting to be reaped has ended: this machine's init may never reap it). */
const alive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

describe('emulate failures', () => {
  it('reports init calling process.exit(n), with the line, and runs nothing more', async () => {
    const { report } = await run('exits-at-init.ts');
    expect(report.error).toMatch(/^init called process\.exit\(3\) at fixtures\/emulate\/exits-at-init\.ts:7:\d+/);
    expect(report.restores).toEqual([]);
    expect(formatReport(report)).not.toMatch(/invoke 1/);
  });

  it('ends an init that misses the deadline, and does not run it again in plain processes', async () => {
    const dir = tempDir();
    const pidFile = join(dir, 'pid');
    const progress: string[] = [];
    const { report } = await run('hangs-at-init.ts', { initTimeoutMs: 1500, env: { PID_FILE: pidFile }, progress: (line) => progress.push(line) });
    expect(report.error).toBe('init did not finish within 1.5 s (the init deadline; --init-timeout sets it)');
    expect(report.mode).toBe('snapshot');
    expect(report.restores).toEqual([]);
    // (A warning about this Node version's snapshots may mention restores: it is not a step.)
    expect(progress.some((line) => !line.startsWith('warning:') && /restore|process \d/.test(line))).toBe(false);
    // The deadline counts from the spawn: on a busy machine it can pass before init's first line
    // wrote the pid, and then there is no process left to look for (emulate has waited for its close).
    if (existsSync(pidFile)) expect(await ended(Number(readFileSync(pidFile, 'utf8')))).toBe(true);
  });

  it('ends a child process that init started with the build', async () => {
    const dir = tempDir();
    const pidFile = join(dir, 'child');
    const { report } = await run('child-at-init.ts', { env: { CHILD_PID_FILE: pidFile } });
    expect(report.error).toMatch(/1 handle open/);
    // Named, with its pid and the line that started it.
    expect(report.openHandles).toEqual([
      expect.objectContaining({
        kind: 'child',
        description: expect.stringMatching(/^a child process \(node, pid \d+\) still running$/),
        site: expect.stringMatching(/^fixtures\/emulate\/child-at-init\.ts:6:\d+$/),
      }),
    ]);
    const child = Number(readFileSync(pidFile, 'utf8'));
    expect(child).toBeGreaterThan(0);
    expect(await ended(child)).toBe(true);
  });

  it('shows a before-snapshot hook that failed as failed, named at the source', async () => {
    const { report } = await run('failing-hooks.ts', { env: { FAIL: 'before' } });
    expect(report.error).toMatch(/^before-snapshot hook flushCache \(registered at fixtures\/emulate\/failing-hooks\.ts:6:1\) failed: Error: the cache is unreachable/);
    expect(report.build?.beforeSnapshotHooks).toEqual([
      expect.objectContaining({ name: 'flushCache', site: 'fixtures/emulate/failing-hooks.ts:6:1', error: 'Error: the cache is unreachable' }),
    ]);
    const text = formatReport(report);
    expect(text).toMatch(/before-snapshot 1\. flushCache .*\(fixtures\/emulate\/failing-hooks\.ts:6:1\)\s+FAILED: Error: the cache is unreachable/);
    expect(text).not.toMatch(/before-snapshot: none|invoke 1/);
  });

  it('shows an after-restore hook that failed in each restore, and no invoke that never ran', async () => {
    const { report } = await run('failing-hooks.ts', { env: { FAIL: 'after' } });
    expect(report.mode).toBe('snapshot');
    for (const restore of report.restores) {
      expect(restore.error).toMatch(
        /Runtime\.AfterRestoreError: after-restore hook reconnect \(registered at fixtures\/emulate\/failing-hooks\.ts:9:1\) failed: Error: no route to the database; 1 later after-restore hook did not run/,
      );
      expect(restore.afterRestoreHooks).toEqual([expect.objectContaining({ name: 'reconnect', error: 'Error: no route to the database' })]);
      expect(restore.invokes).toEqual([]);
    }
    const text = formatReport(report);
    expect(text).toMatch(/after-restore 1\. reconnect .*FAILED: Error: no route to the database/);
    expect(text).not.toMatch(/invoke 1: .*failed/);
    expect(report.sameValuesNote).toBe('needs at least 2 restores that answered, and 0 of 2 did');
  });

  it('asks for --restores 2 only when fewer were given', async () => {
    const { report } = await run('uuid-cache.ts', { restores: 1 });
    expect(report.sameValuesNote).toBe('needs at least 2 restores to compare (use --restores 2 or more)');
  });
});

describe('emulate through the binary', () => {
  const cli = join(repoRoot, 'dist/cli/main.js');
  const start = (args: string[], env: Record<string, string> = {}) => {
    const child = spawn(process.execPath, [cli, 'emulate', ...args], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((done) =>
      child.on('close', (code, signal) => done({ code, signal, stdout, stderr })),
    );
    return { child, exited, stderr: () => stderr };
  };

  it('removes its work folder and ends the build on Ctrl-C', async () => {
    requireBuild();
    const tmp = tempDir();
    const pidFile = join(tmp, 'pid');
    // The function gets Lambda's variables and --env's, not the shell's.
    const running = start(['fixtures/emulate/hangs-at-init.ts', '--env', `PID_FILE=${pidFile}`], { TMPDIR: tmp });
    // Wait for the build to be under way: its process has written its pid.
    await withinHang(
      untilTrue(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8') !== ''),
      'the pid file written by init',
      running.stderr,
    );
    expect(readdirSync(tmp).filter((name) => name.startsWith('snapshot-restore-emulate-'))).toHaveLength(1);
    running.child.kill('SIGINT');
    const exit = await running.exited;
    expect(exit.signal).toBe('SIGINT');
    expect(readdirSync(tmp).filter((name) => name.startsWith('snapshot-restore-'))).toEqual([]);
    expect(await ended(Number(readFileSync(pidFile, 'utf8')))).toBe(true);
  });

  it('says in one line, exit 2, that TMPDIR cannot be written', async () => {
    const tmp = tempDir();
    // Not a folder at all (a read-only folder stops no one running as root, as in CI containers).
    const notAFolder = join(tmp, 'file');
    writeFileSync(notAFolder, '');
    const exit = await start(['fixtures/emulate/uuid-cache.ts', '--quiet'], { TMPDIR: notAFolder }).exited;
    expect(exit.code).toBe(2);
    expect(exit.stderr).toMatch(/^snapshot-restore: emulate: cannot make a work folder in .*file \(ENOTDIR\): set TMPDIR to a writable folder\n$/);
  });

  it('says in one line, exit 2, that --html names a folder', async () => {
    const exit = await start(['fixtures/emulate/uuid-cache.ts', '--html', 'fixtures', '--quiet']).exited;
    expect(exit.code).toBe(2);
    expect(exit.stderr).toBe('snapshot-restore: emulate: --html fixtures is a folder; give a file name (report.html)\n');
  });

  it.each([[['check', 'fixtures/emulate/uuid-cache.ts', '--output', 'fixtures']], [['manifest', 'fixtures/emulate/uuid-cache.ts', '--out', 'fixtures']]])(
    '%j: a folder as the output file is one line, exit 2',
    async (args) => {
      const result = await runCommand(args, repoRoot);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^snapshot-restore: cannot open \S*fixtures: it is a folder\n$/);
    },
  );
});
