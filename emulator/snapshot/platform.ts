// `emulate --platform lwa|microvm`: starts a web app that serves snapshot-restore/http's hooks and
// drives it through the platform's documented sequence, as Lambda Web Adapter or Lambda MicroVMs
// would: every call with its answer, how often it was asked, how long it took, and the hooks it ran
// (the hook answers carry their timings). First it bundles the app (with the lint) and tries to
// build a real V8 startup snapshot of its init, as emulate does for a function; an app whose init
// starts a server cannot be put in one (Node cannot snapshot node:http in use), and the report says
// where init used it. The platform's calls then reach one live process, before and after "the
// snapshot".
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Plugin } from 'esbuild';
import { bundleFunction } from './bundle.js';
import { buildSnapshot, writeSnapshotScript } from './build.js';
import { lintOf } from './emulate.js';
import type { LintFinding } from './report.js';
import { type Call, LwaDriver, MicrovmDriver, send } from './platform-driver.js';
import { killGroup } from './process-group.js';

export type Platform = 'lwa' | 'microvm';

export interface PlatformOptions {
  entry: string;
  platform: Platform;
  cwd?: string;
  /** Extra environment for the app (the platform's variables are set unless given here). */
  env?: Record<string, string>;
  /** MicroVM: the run hook's payload (RunMicrovm's runHookPayload). */
  payload?: string;
  /** Requests to the app's root after the restore. Default 1. */
  requests?: number;
  echo?: boolean;
  progress?: (line: string) => void;
  /** The platform's limit on one hook call. Default 60 s (the adapter's; MicroVM per-VM hooks allow at most 60 s). */
  hookLimitMs?: number;
  /** esbuild plugins for the snapshot attempt's bundle (the CLI passes the lint). */
  plugins?: Plugin[];
  /** Skip the snapshot attempt. */
  plain?: boolean;
  /** Deadline of the snapshot attempt's init. Default 60 s. */
  initTimeoutMs?: number;
}

export interface PlatformHookRun {
  name: string;
  site: string;
  durationMs: number;
  error?: string;
}

export interface PlatformCall {
  call: string;
  path: string;
  status: number | 'timeout' | 'error' | 'skipped';
  attempts: number;
  durationMs: number;
  hooks: PlatformHookRun[];
  /** The answer's error (a failed hook, named), or a note. */
  note?: string;
}

export interface PlatformReport {
  platform: Platform;
  entry: string;
  mode: 'plain';
  /** Why the calls reach a plain process: what the V8 snapshot attempt found. */
  modeReason: string;
  /** The lint's findings on the app's bundle (uniqueness rules: values made at init). */
  lint: LintFinding[];
  calls: PlatformCall[];
  ok: boolean;
  stderr?: string;
}

export const LWA_DEFAULTS = {
  AWS_LAMBDA_INITIALIZATION_TYPE: 'snap-start',
  AWS_LWA_SNAPSTART_BEFORE_CHECKPOINT_PATH: '/_snapshot/before-checkpoint',
  AWS_LWA_SNAPSTART_AFTER_RESTORE_PATH: '/_snapshot/after-restore',
};

export async function emulatePlatform(options: PlatformOptions): Promise<PlatformReport> {
  const cwd = options.cwd ?? process.cwd();
  const progress = options.progress ?? (() => {});
  const port = await freePort();
  const platformEnv: Record<string, string> = options.platform === 'lwa' ? { ...LWA_DEFAULTS, AWS_LWA_PORT: String(port) } : { SNAPSHOT_RESTORE_PLATFORM: 'microvm' };
  const env = { ...process.env, ...platformEnv, PORT: String(port), ...options.env };
  const report: PlatformReport = {
    platform: options.platform,
    entry: options.entry,
    mode: 'plain',
    modeReason: 'plain processes were asked for (--plain)',
    lint: [],
    calls: [],
    ok: false,
  };
  if (!options.plain) {
    progress('bundling the app and trying a V8 startup snapshot of its init');
    Object.assign(report, await snapshotAttempt(resolve(cwd, options.entry), cwd, { ...process.env, ...platformEnv, PORT: String(port), ...options.env }, options));
  }
  progress(`starting ${options.entry} on 127.0.0.1:${port} (${options.platform === 'lwa' ? 'Lambda Web Adapter SnapStart' : 'Lambda MicroVMs'})`);
  const child = spawn(process.execPath, [resolve(cwd, options.entry)], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stderr = '';
  child.stdout?.on('data', (data: Buffer) => options.echo && process.stdout.write(data));
  child.stderr?.on('data', (data: Buffer) => {
    stderr += data.toString();
    if (options.echo) process.stderr.write(data);
  });
  const exited = new Promise<string>((done) => child.on('exit', (code, signal) => done(`the app exited (${signal ?? `code ${code}`}) before the sequence ended`)));
  // Ctrl-C or SIGTERM: the app (and what it started) ends with us, then the signal goes on.
  const onSignal = (signal: NodeJS.Signals) => {
    stop(child);
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const base = `http://127.0.0.1:${port}`;
  try {
    const steps = options.platform === 'lwa' ? lwaSequence(base, env, options, report, progress) : microvmSequence(base, options, report, progress);
    const ended = await Promise.race([steps.then(() => undefined), exited]);
    if (ended) report.calls.push({ call: 'app', path: '', status: 'error', attempts: 1, durationMs: 0, hooks: [], note: ended });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    stop(child);
  }
  report.ok = report.calls.every((call) => call.status === 'skipped' || (typeof call.status === 'number' && call.status >= 200 && call.status < 300));
  if (!report.ok && stderr) report.stderr = stderr.slice(-4000);
  return report;
}

async function lwaSequence(base: string, env: NodeJS.ProcessEnv, options: PlatformOptions, report: PlatformReport, progress: (line: string) => void): Promise<void> {
  const limit = options.hookLimitMs ?? 60_000;
  const lwa = new LwaDriver(base, {
    beforeCheckpointPath: env.AWS_LWA_SNAPSTART_BEFORE_CHECKPOINT_PATH || undefined,
    afterRestorePath: env.AWS_LWA_SNAPSTART_AFTER_RESTORE_PATH || undefined,
    readinessPath: env.AWS_LWA_READINESS_CHECK_PATH ?? '/',
    hookLimitMs: limit,
    pauseMs: 10,
  });
  const add = (call: Call) => report.calls.push(toReport(call));
  progress('readiness check (init)');
  add(await lwa.readiness('readiness (init)'));
  if (lwa.config.beforeCheckpointPath) {
    progress('POST before-checkpoint');
    add(await lwa.beforeCheckpoint());
    if (!lastOk(report)) return;
  }
  report.calls.push(snapshotStep());
  if (lwa.config.afterRestorePath) {
    progress('POST after-restore, then the readiness check again');
    const after = await lwa.afterRestore();
    add(after.hook);
    if (!after.readiness) return;
    add(after.readiness);
  }
  await requests(base, options, report);
}

async function microvmSequence(base: string, options: PlatformOptions, report: PlatformReport, progress: (line: string) => void): Promise<void> {
  const limit = options.hookLimitMs ?? 60_000;
  const vm = new MicrovmDriver(base, { pauseMs: 10, limitMs: { ready: limit, validate: limit, run: limit, resume: limit, suspend: limit, terminate: limit } });
  const add = (call: Call) => report.calls.push(toReport(call));
  progress('POST ready (asked again while it answers 503)');
  add(await vm.untilDone('ready'));
  if (!lastOk(report)) return;
  report.calls.push(snapshotStep());
  progress('POST validate');
  add(await vm.untilDone('validate'));
  progress('POST run with the payload');
  add(await vm.call('run', options.payload ?? JSON.stringify({ runHookPayload: '{"emulate":true}' })));
  if (!lastOk(report)) return;
  await requests(base, options, report);
  progress('POST suspend (twice: the platform may send it again), resume, terminate (twice)');
  add(await vm.call('suspend'));
  add(await vm.call('suspend'));
  add(await vm.call('resume'));
  await requests(base, { ...options, requests: 1 }, report);
  add(await vm.call('terminate'));
  add(await vm.call('terminate'));
}

async function requests(base: string, options: PlatformOptions, report: PlatformReport): Promise<void> {
  for (let index = 0; index < (options.requests ?? 1); index++) {
    const result = await send(base, '/', { method: 'GET', limitMs: 30_000 });
    report.calls.push({ call: 'request', path: '/', status: result.status, attempts: 1, durationMs: result.durationMs, hooks: [] });
  }
}

function snapshotStep(): PlatformCall {
  return { call: 'snapshot', path: '', status: 'skipped', attempts: 0, durationMs: 0, hooks: [], note: 'not taken: see the mode' };
}

function lastOk(report: PlatformReport): boolean {
  const last = report.calls.at(-1)?.status;
  return typeof last === 'number' && last >= 200 && last < 300;
}

/** A call as reported: the hooks from the answer's JSON (snapshot-restore/http's outcome), when it has them. */
function toReport(call: Call): PlatformCall {
  const entry: PlatformCall = { call: call.call, path: call.path, status: call.status, attempts: call.attempts, durationMs: call.durationMs, hooks: [] };
  try {
    const body = JSON.parse(call.body) as { hooks?: PlatformHookRun[]; error?: string; reason?: string; repeated?: boolean };
    if (Array.isArray(body.hooks) && !body.repeated) entry.hooks = body.hooks;
    if (body.repeated) entry.note = "sent again: answered with the first call's outcome, no hook ran again";
    else if (body.error) entry.note = body.error;
    else if (body.reason) entry.note = body.reason;
  } catch {
    if (typeof call.status !== 'number' || call.status >= 300) entry.note = call.body.trim().split('\n')[0];
  }
  return entry;
}

/**
 * Bundles the app and builds a V8 startup snapshot of its init, as emulate does for a function.
 * Node cannot put node:http in a snapshot once it is in use: an app that starts its server at init
 * ends the build there, and the reason names the line.
 */
async function snapshotAttempt(file: string, cwd: string, env: NodeJS.ProcessEnv, options: PlatformOptions): Promise<{ modeReason: string; lint: LintFinding[] }> {
  const bundled = await bundleFunction(file, { plugins: options.plugins, cwd });
  const dir = mkdtempSync(join(tmpdir(), 'snapshot-restore-platform-'));
  try {
    const script = await writeSnapshotScript(bundled, dir, { file, handler: 'handler' }, cwd);
    const { lint } = lintOf(bundled, script.mapper.mapText.bind(script.mapper));
    const clean = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
    const outcome = await buildSnapshot(script.file, dir, { env: clean, cwd, timeoutMs: options.initTimeoutMs ?? 60_000 });
    if (outcome.ok) {
      return {
        lint,
        modeReason: `a V8 snapshot of init was built (${(outcome.blobBytes / 1024 / 1024).toFixed(1)} MB), but init started no server to send the platform's calls to`,
      };
    }
    const use = outcome.init?.unsupported[0];
    if (outcome.reason === 'unsupported' && use) {
      const site = use.stack ? script.mapper.userSite(use.stack) : undefined;
      return {
        lint,
        modeReason: `no V8 snapshot: init used ${use.module} (${use.property})${site ? ` at ${site}` : ''}, and Node cannot put ${use.module} in a startup snapshot once it is in use; the platform's calls reach one live process, before and after the snapshot`,
      };
    }
    return { lint, modeReason: `no V8 snapshot: ${script.mapper.mapText(outcome.message).split('\n')[0]}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

function stop(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null) killGroup(child.pid, 'SIGKILL');
}

export function formatPlatformReport(report: PlatformReport): string {
  const name = report.platform === 'lwa' ? 'Lambda Web Adapter (SnapStart)' : 'Lambda MicroVMs';
  const lint = report.lint.map((finding) => `lint: [${finding.code}] ${finding.text}${finding.location ? ` (${finding.location})` : ''}`);
  const lines = [`${name}: ${report.entry}`, `mode: plain process (${report.modeReason})`, ...lint, ''];
  for (const call of report.calls) {
    const status = call.status === 'skipped' ? '-' : String(call.status);
    const tries = call.attempts > 1 ? ` after ${call.attempts} asks` : '';
    lines.push(`${call.call.padEnd(20)} ${(call.path || '').padEnd(44)} ${status.padStart(7)}${tries}  ${call.durationMs.toFixed(1)} ms`);
    for (const hook of call.hooks) lines.push(`    ${hook.error ? '✗' : '✓'} ${hook.name} (${hook.site}) ${hook.durationMs.toFixed(1)} ms${hook.error ? `: ${hook.error}` : ''}`);
    if (call.note && call.status !== 'skipped') lines.push(`    ${call.note}`);
  }
  lines.push('', report.ok ? 'every call answered 2xx' : 'a call failed: the platform would fail this phase');
  if (report.stderr) lines.push('', "the app's stderr (end):", report.stderr.trimEnd());
  return `${lines.join('\n')}\n`;
}
