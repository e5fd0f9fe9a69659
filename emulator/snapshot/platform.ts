// `emulate --platform lwa|microvm`: drives a web app that serves snapshot-restore/http's hooks
// through the platform's documented sequence, as Lambda Web Adapter or Lambda MicroVMs would, on a
// real V8 startup snapshot of the app's init: every call with its answer, how often it was asked,
// how long it took, and the hooks it ran (the hook answers carry their timings).
// The snapshot build (platform-entry.ts) runs the app's init with its servers deferred (their
// listen() is recorded, not bound: deferred-server.ts) and sends the calls that come before the
// platform's snapshot (before-checkpoint, `ready`) to the app's handler in-process; each start
// from the snapshot replays the listen() calls, and the later calls are real HTTP on loopback.
// When no snapshot can be built (init really uses node:http, leaves a handle open, ...), the
// report says why and the calls reach one plain process, before and after "the snapshot".
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Plugin } from 'esbuild';
import { bundleFunction } from './bundle.js';
import { buildSnapshot, DEFAULT_INIT_TIMEOUT_MS, entryModule, writeSnapshotScript } from './build.js';
import { lintOf } from './emulate.js';
import type { LintFinding } from './report.js';
import { type Call, LwaDriver, MICROVM_PREFIX, MicrovmDriver, send } from './platform-driver.js';
import type { BeforeCall, BuildCall, PlatformEntryConfig, PlatformInitRecord, ReadyLine } from './platform-entry.js';
import type { DeferredServerInfo } from './deferred-server.js';
import { killGroup } from './process-group.js';
import { handOffPreload } from './listen-handoff.js';
import { LISTEN_FD_ENV, READY_FD_ENV } from './protocol.js';
import { redactDeep, secretsOf } from './secrets.js';

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
  /** esbuild plugins for the snapshot's bundle (the CLI passes the lint). */
  plugins?: Plugin[];
  /** Skip the snapshot: one plain process. */
  plain?: boolean;
  /** Deadline of the snapshot build (init and the calls before the snapshot). Default 60 s. */
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
  /** An HTTP status; `done` for the snapshot and the restore themselves; `skipped` for a step not taken. */
  status: number | 'timeout' | 'error' | 'skipped' | 'done';
  attempts: number;
  durationMs: number;
  hooks: PlatformHookRun[];
  /** Where the call was answered: in the snapshot build (in-process, before the snapshot), by a process started from the snapshot, or by a plain process. */
  where?: 'build' | 'restored' | 'plain';
  /** The answer's error (a failed hook, named), or a note. */
  note?: string;
}

export interface PlatformReport {
  platform: Platform;
  entry: string;
  /** `snapshot`: the calls after the snapshot reach a process started from a V8 startup snapshot of init; `plain`: one plain process. */
  mode: 'snapshot' | 'plain';
  /** What the snapshot build found (and, in plain mode, why no snapshot). */
  modeReason: string;
  snapshot?: {
    blobBytes: number;
    buildMs: number;
    initMs: number;
    /** The servers init made, and the listen() calls replayed after the restore. */
    servers: DeferredServerInfo[];
    /** From the start of the restored process to its main function (V8's deserialisation). */
    mainAtMs?: number;
  };
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

type Progress = (line: string) => void;

export async function emulatePlatform(options: PlatformOptions): Promise<PlatformReport> {
  const cwd = options.cwd ?? process.cwd();
  const progress = options.progress ?? (() => {});
  // Bound from now until the app has it (listen-handoff.ts): no other process can take it meanwhile.
  const reserved = await reservePort();
  const port = (reserved.address() as AddressInfo).port;
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
  const dir = mkdtempSync(join(tmpdir(), 'snapshot-restore-platform-'));
  let stderr = '';
  // A process started from the snapshot runs the snapshot script: its sites are mapped to the app's sources.
  let mapText: ((text: string) => string) | undefined;
  try {
    let blob: string | undefined;
    if (!options.plain) {
      progress('bundling the app and building a V8 startup snapshot of its init (its listen() deferred to the restore)');
      const built = await snapshotBuild(resolve(cwd, options.entry), cwd, env, dir, options, report, progress);
      blob = built.blob;
      stderr = built.stderr;
      mapText = built.mapText;
      if (built.stop) return finish(report, stderr, env);
    }
    progress(
      blob
        ? `starting ${options.entry} from the snapshot (${options.platform === 'lwa' ? 'Lambda Web Adapter SnapStart' : 'Lambda MicroVMs'})`
        : `starting ${options.entry} on 127.0.0.1:${port} (${options.platform === 'lwa' ? 'Lambda Web Adapter SnapStart' : 'Lambda MicroVMs'})`,
    );
    // The app's process takes the reserved socket over (fd 4) when it listens on PORT: the restored
    // one in its replayed listen(), a plain one through a preload (listen-handoff.ts).
    const fd = listeningFd(reserved);
    const handOff = env.PORT === String(port) && fd !== undefined;
    if (!handOff) await closeServer(reserved);
    const preload = handOff && !blob ? await handOffPreload(dir) : undefined;
    const started = performance.now();
    // --expose-internals: the build took Node's fetch globals off globalThis, and the restored
    // process loads Node's own from its undici module (web-globals.ts).
    const args = blob ? ['--expose-internals', '--snapshot-blob', blob] : [...(preload ? ['--import', preload] : []), resolve(cwd, options.entry)];
    const child = spawn(process.execPath, args, {
      cwd,
      env: { ...env, ...(blob ? { [READY_FD_ENV]: '3' } : {}), ...(handOff ? { [LISTEN_FD_ENV]: '4' } : {}) },
      stdio: ['ignore', 'pipe', 'pipe', 'pipe', handOff ? (fd as number) : 'ignore'],
      detached: true,
    });
    // The child has its own copy of the socket now.
    await closeServer(reserved);
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
    try {
      const steps = async (): Promise<void> => {
        let base = `http://127.0.0.1:${port}`;
        if (blob) {
          const listening = await restoredListening(child, started, report, Number(options.platform === 'lwa' ? ((env as NodeJS.ProcessEnv).AWS_LWA_PORT ?? env.PORT) : env.PORT));
          if (!listening) return;
          base = listening;
        }
        if (options.platform === 'lwa') await lwaSequence(base, env, options, report, progress, blob ? 'after' : 'all');
        else await microvmSequence(base, options, report, progress, blob ? 'after' : 'all');
      };
      const ended = await Promise.race([steps().then(() => undefined), exited]);
      if (ended) report.calls.push({ call: 'app', path: '', status: 'error', attempts: 1, durationMs: 0, hooks: [], note: ended });
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      stop(child);
    }
    for (const call of report.calls) {
      call.where ??= blob ? 'restored' : 'plain';
      if (!mapText || call.where !== 'restored') continue;
      for (const hook of call.hooks) hook.site = mapText(hook.site);
      if (call.note) call.note = mapText(call.note);
    }
    if (mapText && stderr) stderr = mapText(stderr);
    return finish(report, stderr, env);
  } finally {
    await closeServer(reserved);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every call answered 2xx (the readiness checks: 100-499, the adapter's "healthy"); nothing that looks like a secret in any output. */
function finish(report: PlatformReport, stderr: string, env: NodeJS.ProcessEnv): PlatformReport {
  report.ok = report.calls.every((call) => {
    if (call.status === 'skipped' || call.status === 'done') return true;
    if (typeof call.status !== 'number') return false;
    return call.call.startsWith('readiness') ? call.status >= 100 && call.status < 500 : call.status >= 200 && call.status < 300;
  });
  if (!report.ok && stderr) report.stderr = stderr.slice(-4000);
  return redactDeep(report, secretsOf(env));
}

/**
 * The start from the snapshot: it replays init's listen() calls and says where it listens (fd 3).
 * Reported as the `restore` step; resolves with the app's origin, or undefined if it could not listen.
 */
async function restoredListening(child: ChildProcess, started: number, report: PlatformReport, expectedPort: number): Promise<string | undefined> {
  const pipe = child.stdio[3] as NodeJS.ReadableStream | null;
  const line = await new Promise<ReadyLine | undefined>((done) => {
    let text = '';
    pipe?.setEncoding('utf8');
    pipe?.on('data', (chunk: string) => {
      text += chunk;
      const end = text.indexOf('\n');
      if (end !== -1) done(JSON.parse(text.slice(0, end)) as ReadyLine);
    });
    child.once('exit', () => done(undefined));
  });
  const durationMs = performance.now() - started;
  const tcp = line?.listening.find((entry): entry is { address: string; port: number } => typeof entry === 'object');
  const where = (line?.listening ?? []).map((entry) => (typeof entry === 'string' ? entry : `${entry.address}:${entry.port}`)).join(', ');
  if (report.snapshot && line) report.snapshot.mainAtMs = line.mainAtMs;
  if (!line || !tcp) {
    const why = !line
      ? 'the process started from the snapshot exited before it listened'
      : line.errors.length > 0
        ? `listen failed: ${line.errors.join('; ')}`
        : 'no replayed listen() bound a TCP port';
    report.calls.push({ call: 'restore', path: '', status: 'error', attempts: 1, durationMs, hooks: [], where: 'restored', note: why });
    return undefined;
  }
  // The platform connects to the port it was given: an app listening elsewhere is still driven, and told.
  const elsewhere = line.listening.some((entry) => typeof entry === 'object' && entry.port === expectedPort)
    ? ''
    : `; not on ${expectedPort}, the port the platform connects to (PORT${report.platform === 'lwa' ? ', AWS_LWA_PORT' : ''}): the platform would not reach it`;
  report.calls.push({
    call: 'restore',
    path: '',
    status: 'done',
    attempts: 1,
    durationMs,
    hooks: [],
    where: 'restored',
    note: `started from the snapshot; init's listen() replayed: listening on ${where}${elsewhere}`,
  });
  const host = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(tcp.address) || tcp.address.startsWith('127.') ? '127.0.0.1' : tcp.address;
  return `http://${host}:${tcp.port}`;
}

async function lwaSequence(base: string, env: NodeJS.ProcessEnv, options: PlatformOptions, report: PlatformReport, progress: Progress, stage: 'all' | 'after'): Promise<void> {
  const lwa = new LwaDriver(base, lwaConfig(env, options));
  const add = (call: Call) => report.calls.push(toReport(call));
  if (stage === 'all') {
    progress('readiness check (init)');
    add(await lwa.readiness('readiness (init)'));
    if (lwa.config.beforeCheckpointPath) {
      progress('POST before-checkpoint');
      add(await lwa.beforeCheckpoint());
      if (!lastOk(report)) return;
    }
    report.calls.push(snapshotStep());
  }
  if (lwa.config.afterRestorePath) {
    progress('POST after-restore, then the readiness check again');
    const after = await lwa.afterRestore();
    add(after.hook);
    if (!after.readiness) return;
    add(after.readiness);
  } else if (stage === 'after') {
    // No after-restore hook: the adapter goes straight to its readiness check.
    add(await lwa.readiness('readiness after restore'));
  }
  await requests(base, options, report);
}

function lwaConfig(env: NodeJS.ProcessEnv, options: PlatformOptions) {
  return {
    beforeCheckpointPath: env.AWS_LWA_SNAPSTART_BEFORE_CHECKPOINT_PATH || undefined,
    afterRestorePath: env.AWS_LWA_SNAPSTART_AFTER_RESTORE_PATH || undefined,
    readinessPath: env.AWS_LWA_READINESS_CHECK_PATH ?? '/',
    hookLimitMs: options.hookLimitMs ?? 60_000,
    pauseMs: 10,
  };
}

async function microvmSequence(base: string, options: PlatformOptions, report: PlatformReport, progress: Progress, stage: 'all' | 'after'): Promise<void> {
  const limit = options.hookLimitMs ?? 60_000;
  const vm = new MicrovmDriver(base, { pauseMs: 10, limitMs: { ready: limit, validate: limit, run: limit, resume: limit, suspend: limit, terminate: limit } });
  const add = (call: Call) => report.calls.push(toReport(call));
  if (stage === 'all') {
    progress('POST ready (asked again while it answers 503)');
    add(await vm.untilDone('ready'));
    if (!lastOk(report)) return;
    report.calls.push(snapshotStep());
  }
  progress('POST validate (asked again while it answers 503)');
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
    // The answer's start, to see what the app made (values made at init, or again after the restore).
    const body = result.body.trim().split('\n')[0];
    report.calls.push({
      call: 'request',
      path: '/',
      status: result.status,
      attempts: 1,
      durationMs: result.durationMs,
      hooks: [],
      note: body.length > 200 ? `${body.slice(0, 200)}…` : body,
    });
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
function toReport(call: Call | BuildCall): PlatformCall {
  const entry: PlatformCall = { call: call.call, path: call.path, status: call.status, attempts: call.attempts, durationMs: call.durationMs, hooks: [] };
  try {
    const body = JSON.parse(call.body) as { hooks?: PlatformHookRun[]; error?: string; reason?: string; repeated?: boolean };
    // Asked again while it answered 503 (MicroVM `ready`): one phase, whose hooks ran while the
    // platform waited; the last ask gets their outcome, and the hooks belong to this call.
    const waitedFor = body.repeated === true && call.attempts > 1;
    if (Array.isArray(body.hooks) && (!body.repeated || waitedFor)) entry.hooks = body.hooks;
    // The answer's own error stays first (a failed hook, named); emulate's note goes beside it.
    const answer = body.error ?? body.reason;
    const note = waitedFor
      ? 'answered 503 while its hooks ran, then their outcome'
      : body.repeated
        ? "sent again: answered with the first call's outcome, no hook ran again"
        : undefined;
    if (answer && note) entry.note = `${answer} (${note})`;
    else if (answer ?? note) entry.note = answer ?? note;
  } catch {
    if (typeof call.status !== 'number' || call.status >= 300) entry.note = call.body.trim().split('\n')[0];
  }
  return entry;
}

/** The calls the platform makes before its snapshot: sent in the build, in-process. */
function beforeCalls(platform: Platform, env: NodeJS.ProcessEnv): BeforeCall[] {
  if (platform === 'microvm') return [{ call: 'ready', path: `${MICROVM_PREFIX}ready`, retry: true }];
  const path = env.AWS_LWA_SNAPSTART_BEFORE_CHECKPOINT_PATH;
  return path ? [{ call: 'before-checkpoint', path: path.startsWith('/') ? path : `/${path}`, retry: false }] : [];
}

/**
 * Bundles the app and builds a V8 startup snapshot of its init, with the platform's calls before
 * the snapshot sent in the build. Fills the report with what the build did; `blob` when the calls
 * after the snapshot can go to processes started from it, `stop` when the sequence ended in the
 * build (a call before the snapshot failed), neither when plain processes take over (modeReason).
 */
async function snapshotBuild(
  file: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  dir: string,
  options: PlatformOptions,
  report: PlatformReport,
  progress: Progress,
): Promise<{ blob?: string; stop?: boolean; stderr: string; mapText?: (text: string) => string }> {
  const bundled = await bundleFunction(file, { plugins: options.plugins, cwd });
  const config: Omit<PlatformEntryConfig, 'webGlobals'> = { file, before: beforeCalls(options.platform, env), pauseMs: 10, maxAsks: 1_000, openHandleGraceMs: 500 };
  const script = await writeSnapshotScript(bundled, dir, config, cwd, entryModule('platform-entry'));
  report.lint = lintOf(bundled, script.mapper.mapText.bind(script.mapper)).lint;
  const clean = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const outcome = await buildSnapshot(script.file, dir, { env: clean, cwd, timeoutMs: options.initTimeoutMs ?? DEFAULT_INIT_TIMEOUT_MS, echo: options.echo });
  const record = outcome.init as PlatformInitRecord | undefined;
  // Sites in the build are the snapshot script's: mapped to the app's sources.
  const calls = (record?.calls ?? []).map((call) => ({ ...toReport({ ...call, body: script.mapper.mapText(call.body) }), where: 'build' as const }));
  const servers = (record?.servers ?? []).map((server) => ({ ...server, site: script.mapper.userSite(server.stack), stack: server.stack.map((site) => script.mapper.map(site)) }));
  const listens = servers.flatMap((server) => server.listens.map((args) => `${server.made}(…).listen(${args})${server.site ? ` at ${server.site}` : ''}`));
  const stderr = outcome.ok ? '' : outcome.stderr;
  const useBuild = () => {
    report.mode = 'snapshot';
    if (options.platform === 'lwa') {
      report.calls.push({
        call: 'readiness (init)',
        path: env.AWS_LWA_READINESS_CHECK_PATH ?? '/',
        status: 'skipped',
        attempts: 0,
        durationMs: 0,
        hooks: [],
        where: 'build',
        note: "not sent: in the snapshot build the app's listen() is recorded, not bound, so nothing answers HTTP before the snapshot (init finished, which is what the check waits for)",
      });
    }
    report.calls.push(...calls);
  };
  if (outcome.ok && listens.length > 0) {
    useBuild();
    report.snapshot = { blobBytes: outcome.blobBytes, buildMs: outcome.durationMs, initMs: outcome.init.initMs, servers };
    report.modeReason = `a V8 startup snapshot of init (${(outcome.blobBytes / 1024 / 1024).toFixed(1)} MB, built in ${outcome.durationMs.toFixed(0)} ms); init's ${listens.join('; ')} replayed on each start from it`;
    report.calls.push({
      call: 'snapshot',
      path: '',
      status: 'done',
      attempts: 1,
      durationMs: outcome.durationMs,
      hooks: [],
      where: 'build',
      note: 'the heap written to the blob (the build: init, the calls before the snapshot, the checks)',
    });
    progress(`snapshot built (${(outcome.blobBytes / 1024 / 1024).toFixed(1)} MB in ${outcome.durationMs.toFixed(0)} ms)`);
    return { blob: outcome.blob, stderr, mapText: script.mapper.mapText.bind(script.mapper) };
  }
  if (!outcome.ok && outcome.reason === 'failed' && record?.error?.phase === 'before-snapshot') {
    // The platform would fail its phase here: no snapshot, and nothing after it.
    useBuild();
    report.modeReason = `the snapshot build ran init, then ${record.error.message}: the platform fails the phase and takes no snapshot`;
    return { stop: true, stderr };
  }
  const use = outcome.ok ? undefined : outcome.init?.unsupported[0];
  const handle = outcome.ok ? undefined : outcome.init?.openHandles[0];
  report.modeReason = outcome.ok
    ? "no V8 snapshot used: init started no server (no listen() at init), so a process started from the snapshot would answer nothing; the platform's calls reach one plain process"
    : `no V8 snapshot: ${
        outcome.reason === 'unsupported' && use
          ? `init used ${use.module} (${use.property})${use.stack ? ` at ${script.mapper.userSite(use.stack) ?? '?'}` : ''}, which Node cannot put in a startup snapshot once it is really used (a server's listen() is deferred; a request or a connection is not)`
          : outcome.reason === 'open-handles' && handle
            ? `init left ${handle.description} open${handle.stack ? ` (${script.mapper.userSite(handle.stack) ?? handle.site})` : ''}`
            : script.mapper.mapText(outcome.message).split('\n')[0]
      }; the platform's calls reach one plain process, before and after the snapshot`;
  return { stderr: '' };
}

/** A free loopback port, kept bound (the listening server) until the app takes it. */
function reservePort(): Promise<Server> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done(server));
  });
}

/** The listening socket's file descriptor (Node keeps it on the server's handle; none on Windows). */
function listeningFd(server: Server): number | undefined {
  const fd = (server as unknown as { _handle?: { fd?: unknown } })._handle?.fd;
  return typeof fd === 'number' && fd > 2 ? fd : undefined;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((done) => (server.listening ? server.close(() => done()) : done()));
}

function stop(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null) killGroup(child.pid, 'SIGKILL');
}

export function formatPlatformReport(report: PlatformReport): string {
  const name = report.platform === 'lwa' ? 'Lambda Web Adapter (SnapStart)' : 'Lambda MicroVMs';
  const lint = report.lint.map((finding) => `lint: [${finding.code}] ${finding.text}${finding.location ? ` (${finding.location})` : ''}`);
  const mode = report.mode === 'snapshot' ? `mode: V8 startup snapshot (${report.modeReason})` : `mode: plain process (${report.modeReason})`;
  const restore = report.snapshot?.mainAtMs === undefined ? [] : [`deserialisation: ${report.snapshot.mainAtMs.toFixed(1)} ms to the restored process's main`];
  const lines = [`${name}: ${report.entry}`, mode, ...restore, ...lint, ''];
  const place = { build: 'in the build', restored: 'restored', plain: 'plain' } as const;
  for (const call of report.calls) {
    const status = call.status === 'skipped' ? '-' : String(call.status);
    const tries = call.attempts > 1 ? ` after ${call.attempts} asks` : '';
    const where = call.where ? ` [${place[call.where]}]` : '';
    lines.push(`${call.call.padEnd(24)} ${(call.path || '').padEnd(44)} ${status.padStart(7)}${tries}  ${call.durationMs.toFixed(1)} ms${where}`);
    for (const hook of call.hooks) lines.push(`    ${hook.error ? '✗' : '✓'} ${hook.name} (${hook.site}) ${hook.durationMs.toFixed(1)} ms${hook.error ? `: ${hook.error}` : ''}`);
    if (call.note && (call.status !== 'skipped' || call.where === 'build')) lines.push(`    ${call.note}`);
  }
  lines.push('', report.ok ? 'every call answered 2xx' : 'a call failed: the platform would fail this phase');
  if (report.stderr) lines.push('', "the app's stderr (end):", report.stderr.trimEnd());
  return `${lines.join('\n')}\n`;
}
