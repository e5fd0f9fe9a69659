// `emulate` tells the truth and keeps secrets: the run-time audit's findings are in its report
// (what a memory snapshot clones although V8's snapshot hides it), the function gets Lambda's
// variables and --env's only, no report output shows a secret, children init started are named
// and ended, SIGHUP cleans up like Ctrl-C, and WebAssembly or a worker thread at init falls back
// to plain processes with the reason.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emulate } from '../../emulator/snapshot/emulate.js';
import { formatReport } from '../../emulator/snapshot/report.js';
import { requireBuild } from '../helpers/lifecycle.js';
import { binary, runCommand, tempDir } from '../helpers/run-cli.js';
import { auditProject, hasCorpus } from '../helpers/audit-project.js';
import { HANG_MS } from '../helpers/hang.js';

const SHELL_SECRET = 'sk_test_4eC39HqLyjWDarjtT1zdp7dc';
const GIVEN_SECRET = 'given-Secret-Value-9000';
const URL_PASSWORD = "it's'a-p@ss";

function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('emulate with the run-time audit', () => {
  afterEach(() => {
    delete process.env.STRIPE_SECRET_KEY;
  });

  it.skipIf(!hasCorpus())(
    'reports an ObjectId made at init, which V8 snapshot restores hide (bson resets it on deserialisation)',
    async () => {
      const dir = auditProject({
        'src/handler.ts': `import { ObjectId } from 'bson';
export const instanceId = new ObjectId();
export const handler = async () => ({ instanceId: instanceId.toHexString() });
`,
      });
      const { report } = await emulate({ entry: 'src/handler.ts', cwd: dir, restores: 2 });
      expect(report.lint).toContainEqual(expect.objectContaining({ code: 'SR104', location: expect.stringMatching(/^src\/handler\.ts:2:\d+$/) }));
      expect(report.lint.find((finding) => finding.code === 'SR104')?.text).toContain('inside bson');
      expect(formatReport(report)).toMatch(/src\/handler\.ts:2:\d+: \[SR104\]/);
    },
    120_000,
  );

  it("gives the function Lambda's variables and --env's only, and prints no secret in any report", async () => {
    const dir = auditProject({
      'src/handler.ts': `const stripe = process.env.STRIPE_SECRET_KEY;
const given = process.env.PAYMENTS_API_KEY;
const database = process.env.DATABASE_URL;
console.log('init', given, database);
export const handler = async () => ({ stripe: stripe ?? 'unset', given, database, region: process.env.AWS_REGION });
`,
    });
    process.env.STRIPE_SECRET_KEY = SHELL_SECRET;
    const html = path.join(dir, 'report.html');
    const env = ['--env', `PAYMENTS_API_KEY=${GIVEN_SECRET}`, '--env', `DATABASE_URL=postgres://app:${URL_PASSWORD}@db.internal:5432/app`];
    const text = await runCommand(['emulate', 'src/handler.ts', '--restores', '2', '--quiet', '--html', html, ...env], dir);
    const json = await runCommand(['emulate', 'src/handler.ts', '--restores', '2', '--quiet', '--json', ...env], dir);
    expect(text.code).toBe(0);
    const report = JSON.parse(json.stdout);
    // The shell's key never reached the function; what --env gave did, and is masked wherever it shows.
    expect(report.restores[0].invokes[0].payload).toEqual({ stripe: 'unset', given: '***', database: 'postgres://app:***@db.internal:5432/app', region: expect.any(String) });
    for (const output of [text.stdout, text.stderr, json.stdout, fs.readFileSync(html, 'utf8')]) {
      for (const secret of [SHELL_SECRET, GIVEN_SECRET, URL_PASSWORD, "it's", 'p@ss']) expect(output).not.toContain(secret);
    }
    // The audit saw which secret-looking variables init read (names only).
    expect(report.audit.variablesRead).toEqual(['DATABASE_URL', 'PAYMENTS_API_KEY', 'STRIPE_SECRET_KEY']);
  });

  it('names and ends children init started, detached and unref()ed ones too', async () => {
    const dir = auditProject({
      'src/handler.ts': `import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
const sidecar = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore', detached: true });
sidecar.unref();
if (process.env.CHILD_PID_FILE) writeFileSync(process.env.CHILD_PID_FILE, String(sidecar.pid));
export const handler = async () => sidecar.pid;
`,
    });
    const pidFile = path.join(dir, 'child.pid');
    const { report } = await emulate({ entry: 'src/handler.ts', cwd: dir, restores: 2, env: { CHILD_PID_FILE: pidFile } });
    expect(report.error).toMatch(/1 handle open/);
    expect(report.openHandles).toEqual([
      expect.objectContaining({ kind: 'child', description: expect.stringMatching(/^a child process \(node, pid \d+\) still running$/), site: 'src/handler.ts:3:17' }),
    ]);
    // The audit's child and the build's: both ended although they left the process group.
    const pid = Number(fs.readFileSync(pidFile, 'utf8'));
    await expect.poll(() => alive(pid), { timeout: HANG_MS, message: `process ${pid} still running` }).toBe(false);
    expect(report.audit?.notes.some((note) => /^init started a child process \(node, pid \d+\) at src\/handler\.ts:3:17 .*: ended by the audit$/.test(note))).toBe(true);
  });

  it('falls back to plain processes, saying why, when init uses WebAssembly or starts a worker thread', async () => {
    const dir = auditProject({
      'src/wasm.ts': `// The smallest valid module: the magic number and the version.
const module = new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
export const handler = async () => WebAssembly.Module.exports(module).length;
`,
      'src/worker.ts': `import { Worker } from 'node:worker_threads';
const worker = new Worker('require("node:worker_threads").parentPort.postMessage(42)', { eval: true });
export const answer: number = await new Promise((resolve) => worker.once('message', resolve));
export const handler = async () => answer;
`,
    });
    const wasm = (await emulate({ entry: 'src/wasm.ts', cwd: dir, restores: 2 })).report;
    expect(wasm.mode).toBe('plain');
    expect(wasm.error).toBeUndefined();
    expect(wasm.fallbackReason).toMatch(/^init compiles WebAssembly at init, and Node v[\d.]+'s snapshot builder has no WebAssembly/);
    expect(wasm.restores.map((restore) => restore.invokes[0]?.payload)).toEqual([0, 0]);
    const worker = (await emulate({ entry: 'src/worker.ts', cwd: dir, restores: 2 })).report;
    expect(worker.mode).toBe('plain');
    expect(worker.fallbackReason).toMatch(/^init starts a worker thread at src\/worker\.ts:2:\d+, which Node v[\d.]+ cannot do while it builds a startup snapshot \(Lambda can\)/);
    expect(worker.restores.map((restore) => restore.invokes[0]?.payload)).toEqual([42, 42]);
  });

  it('cleans up on SIGHUP (a closed terminal) as on Ctrl-C: the work folders removed, init ended', async () => {
    requireBuild();
    const tmp = tempDir();
    const pidFile = path.join(tmp, 'pid');
    const dir = auditProject({
      'src/handler.ts': `import { writeFileSync } from 'node:fs';
writeFileSync(process.env.PID_FILE!, String(process.pid));
await new Promise(() => setInterval(() => {}, 1000));
export const handler = async () => 1;
`,
    });
    const child = spawn(process.execPath, [binary, 'emulate', 'src/handler.ts', '--env', `PID_FILE=${pidFile}`], {
      cwd: dir,
      env: { ...process.env, TMPDIR: tmp },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr.resume();
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await expect.poll(() => fs.existsSync(pidFile) && fs.readFileSync(pidFile, 'utf8') !== '', { timeout: HANG_MS, message: 'the pid file written by init' }).toBe(true);
    const pid = Number(fs.readFileSync(pidFile, 'utf8'));
    child.kill('SIGHUP');
    expect(await exited).toBe('SIGHUP');
    expect(fs.readdirSync(tmp).filter((name) => name.startsWith('snapshot-restore-'))).toEqual([]);
    await expect.poll(() => alive(pid), { timeout: HANG_MS, message: `process ${pid} still running` }).toBe(false);
  });
});
