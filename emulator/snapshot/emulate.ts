// `emulate`: a real snapshot and restore of a Lambda function on this machine. Bundles the
// function, builds one V8 startup snapshot after init and the before-snapshot hooks, then starts
// N processes from it, each against its own Runtime API emulator in SnapStart mode: the restore,
// the after-restore hooks, the invokes. When Node cannot snapshot the function (init really used
// node:http or node:https, or loads a native addon), the same lifecycle runs in plain processes
// instead, and the report says why and where.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { Plugin } from 'esbuild';
import type { SnapshotRestoreOptions } from '../../plugin/core/options.js';
import { bundleFunction, type BundledFunction } from './bundle.js';
import { CONTROL_EVENT_KEY, RESTORE_RECORD_ENV, type HookRun, type InitRecord, type ModuleValue, type OpenHandle, type ProcessRecord, type UnsupportedUse } from './protocol.js';
import { beforeSnapshotRuns, type EmulateReport, type InvokeReport, type LintFinding, type RestoreReport } from './report.js';
import { RuntimeApiEmulator } from '../runtime-api/server.js';
import { startRuntimeProcess, type RuntimeProcess } from '../runtime-api/runtime-process.js';
import { findSameValues, flattenResponse } from './same-values.js';
import { buildSnapshot, DEFAULT_INIT_TIMEOUT_MS, writeSnapshotScript, type BuildOutcome, type SnapshotScript } from './build.js';
import { killGroup } from './process-group.js';
import { functionEnv } from './function-env.js';
import { entropyCacheFlaw } from './node-flaws.js';
import type { SiteMapper } from './source-map.js';

export interface EmulateOptions {
  /** The function: a TypeScript/JavaScript entry, or an already built bundle (ESM or CommonJS). */
  entry: string;
  /** The event of every invoke. Default `{}`. */
  event?: unknown;
  /** Processes started from the snapshot. Default 3 (at least 2 to compare values). */
  restores?: number;
  /** Invokes per restore. Default 1. */
  invokes?: number;
  /** Name of the handler export. Default `handler`. */
  handler?: string;
  /** Skip the snapshot and run plain processes (what the fallback does). */
  plain?: boolean;
  /** esbuild plugins for the bundle (the CLI passes the lint). */
  plugins?: Plugin[];
  alias?: Record<string, string>;
  cwd?: string;
  /** Deadline for init and the before-snapshot hooks. Default 130 000 ms (Lambda's under SnapStart). */
  initTimeoutMs?: number;
  /** Extra environment for the function's processes. */
  env?: Record<string, string | undefined>;
  /** Forward the function's own output as it arrives. */
  echo?: boolean;
  /** Keep the work folder (script, blob) and say where it is. */
  keep?: boolean;
  /** Told what is happening, one line at a time (the CLI writes it to stderr). */
  progress?: (line: string) => void;
  /** Run the run-time audit of init first (emulator/audit/) and add its findings to the lint's. Default true. */
  audit?: boolean;
  /** The lint's options, for the audit's reading of the user's lines (wrapper modules, severities). */
  lintOptions?: SnapshotRestoreOptions;
}

export interface EmulateResult {
  report: EmulateReport;
  /** The work folder, when kept. */
  dir?: string;
}

/** The machine would not let emulate work (no writable temporary folder): bad input, not a bug. */
export class EmulateSetupError extends Error {
  override name = 'EmulateSetupError';
}

const NODE = `Node ${process.version}`;

export async function emulate(options: EmulateOptions): Promise<EmulateResult> {
  const cwd = options.cwd ?? process.cwd();
  const file = resolve(cwd, options.entry);
  const restores = Math.max(1, options.restores ?? 3);
  const progress = options.progress ?? (() => {});
  progress(`bundling ${options.entry}`);
  const bundled = await bundleFunction(file, { plugins: options.plugins, alias: options.alias, cwd, webGlobals: true });
  let dir: string;
  try {
    dir = mkdtempSync(join(tmpdir(), 'snapshot-restore-emulate-'));
  } catch (error) {
    throw new EmulateSetupError(`cannot make a work folder in ${tmpdir()} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): set TMPDIR to a writable folder`);
  }
  const cleanup = new Cleanup(options.keep ? undefined : dir);
  try {
    const script = await writeSnapshotScript(bundled, dir, { file, handler: options.handler ?? 'handler' }, cwd);
    const report = await run(options, bundled, script, dir, restores, cwd, progress, cleanup);
    return options.keep ? { report, dir } : { report };
  } finally {
    cleanup.done();
  }
}

/**
 * What to undo however emulate ends: processes still running (each in its own group) are killed,
 * with the children init started that left the group (detached ones, by id), and the work folder
 * removed, also on Ctrl-C (SIGINT), SIGTERM and a closed terminal (SIGHUP), which are then re-raised.
 */
class Cleanup {
  readonly groups = new Set<number>();
  readonly pids = new Set<number>();
  readonly #onSignal = (signal: NodeJS.Signals) => {
    this.done();
    process.kill(process.pid, signal);
  };

  constructor(private readonly dir: string | undefined) {
    process.once('SIGINT', this.#onSignal);
    process.once('SIGTERM', this.#onSignal);
    process.once('SIGHUP', this.#onSignal);
    process.once('exit', this.#onExit);
  }

  readonly #onExit = () => this.done();

  done(): void {
    process.off('SIGINT', this.#onSignal);
    process.off('SIGTERM', this.#onSignal);
    process.off('SIGHUP', this.#onSignal);
    process.off('exit', this.#onExit);
    for (const pid of this.groups) killGroup(pid, 'SIGKILL');
    this.groups.clear();
    this.endChildren();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }

  /** Ends the children init started (named in the open handles), also those that left the group. */
  endChildren(handles: OpenHandle[] = []): void {
    for (const handle of handles) if (handle.pid !== undefined) this.pids.add(handle.pid);
    for (const pid of this.pids) {
      killGroup(pid, 'SIGKILL');
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    this.pids.clear();
  }
}

async function run(
  options: EmulateOptions,
  bundled: BundledFunction,
  script: SnapshotScript,
  dir: string,
  restores: number,
  cwd: string,
  progress: (line: string) => void,
  cleanup: Cleanup,
): Promise<EmulateReport> {
  const { mapper } = script;
  const report: EmulateReport = {
    node: process.version,
    ...nodeWarningOf(process.version, progress),
    entry: relative(cwd, resolve(cwd, options.entry)) || options.entry,
    mode: 'snapshot',
    bundle: { bytes: bundled.bytes, durationMs: bundled.durationMs },
    openHandles: [],
    unsupported: [],
    hooks: { beforeSnapshot: [], afterRestore: [] },
    restores: [],
    restoresAsked: restores,
    sameValues: [],
    ...lintOf(bundled, mapper.mapText.bind(mapper)),
  };
  const mapRuns = (runs: HookRun[]) => runs.map((hook) => ({ ...hook, site: mapper.map(hook.site), ...(hook.error ? { error: mapper.mapText(hook.error) } : {}) }));
  const mapInit = (init: InitRecord): InitRecord => ({
    ...init,
    beforeSnapshotHooks: mapRuns(init.beforeSnapshotHooks),
    openHandles: mapHandles(mapper, init.openHandles),
    unsupported: init.unsupported.map((use) => mapUse(mapper, use)),
    ...(init.error ? { error: { ...init.error, message: mapper.mapText(init.error.message) } } : {}),
    ...(init.exit ? { exit: { ...init.exit, site: userSite(mapper, init.exit.stack) } } : {}),
  });
  const initTimeoutMs = options.initTimeoutMs ?? DEFAULT_INIT_TIMEOUT_MS;
  const file = resolve(cwd, options.entry);
  if (options.audit !== false) await auditInto(report, options, bundled, cwd, progress, cleanup);

  // Each restore is its own execution environment with its own Runtime API, as on Lambda.
  const emulators: RuntimeApiEmulator[] = [];
  const records: Array<ProcessRecord | undefined> = [];
  const newEmulator = async () => {
    const emulator = await RuntimeApiEmulator.start({ snapStart: true, waitTimeoutMs: Math.max(30_000, initTimeoutMs + 5_000) });
    emulators.push(emulator);
    return emulator;
  };
  try {
    const first = await newEmulator();
    let blob: string | undefined;
    if (options.plain) {
      report.mode = 'plain';
      report.fallbackReason = 'plain processes were asked for (--plain)';
    } else {
      progress(`running init and the before-snapshot hooks, building the snapshot (init deadline ${initTimeoutMs / 1000} s)`);
      const outcome = await buildSnapshot(script.file, dir, {
        env: processEnv(first, options.env, file),
        cwd,
        timeoutMs: initTimeoutMs,
        echo: options.echo,
        onTick: (elapsed) => progress(`  still in init or the before-snapshot hooks: ${(elapsed / 1000).toFixed(0)} s of ${initTimeoutMs / 1000} s`),
        onSpawn: (pid) => cleanup.groups.add(pid),
      });
      const init = outcome.init ? mapInit(outcome.init) : undefined;
      // Children init started end with the build, also those that left its process group.
      cleanup.endChildren(init?.openHandles);
      if (init) {
        report.build = {
          durationMs: outcome.durationMs,
          initMs: init.initMs,
          beforeSnapshotMs: init.beforeSnapshotMs,
          beforeSnapshotHooks: init.beforeSnapshotHooks,
          ...(outcome.ok ? { snapshotBytes: outcome.blobBytes } : {}),
        };
        report.openHandles = init.openHandles;
        report.unsupported = init.unsupported;
      }
      if (outcome.ok) {
        blob = outcome.blob;
        progress(`snapshot built in ${(outcome.durationMs / 1000).toFixed(1)} s (${(outcome.blobBytes / 1024 / 1024).toFixed(1)} MB)`);
      } else {
        const failure = describeFailure(outcome, init, mapper);
        if (failure.fallback) {
          report.mode = 'plain';
          report.fallbackReason = failure.text;
          progress(`no snapshot (${outcome.reason === 'unsupported' ? 'init really used node:http or node:https' : outcome.reason}): running plain processes instead`);
        } else {
          report.error = failure.text;
          return report;
        }
      }
    }

    // --expose-internals: the build took Node's fetch globals off globalThis, and the restored
    // process loads Node's own from its undici module (web-globals.ts).
    const args = blob ? ['--expose-internals', '--snapshot-blob', blob] : [script.file];
    for (let index = 1; index <= restores; index++) {
      progress(blob ? `restore ${index} of ${restores}: starting from the snapshot` : `process ${index} of ${restores}: plain start (init runs in it)`);
      const emulator = index === 1 ? first : await newEmulator();
      const { record, ...restore } = await restoreOnce(index, emulator, args, options, dir, mapRuns, mapInit, cleanup, initTimeoutMs, file);
      cleanup.endChildren(restore.init?.openHandles);
      // The runtime's own messages name sites in the generated script: point them at the sources.
      if (restore.error) restore.error = mapper.mapText(restore.error);
      if (restore.stderr) restore.stderr = mapper.mapText(restore.stderr);
      for (const invoke of restore.invokes) if (invoke.error) invoke.error.errorMessage = mapper.mapText(invoke.error.errorMessage);
      report.restores.push(restore);
      records.push(record);
    }
  } finally {
    await Promise.all(emulators.map((emulator) => emulator.close()));
  }
  report.hooks = {
    beforeSnapshot: beforeSnapshotRuns(report).map((hook) => hook.name),
    afterRestore: (report.restores.find((restore) => restore.afterRestoreHooks.length > 0)?.afterRestoreHooks ?? []).map((hook) => hook.name),
  };
  if (report.mode === 'plain' && report.openHandles.length === 0) report.openHandles = report.restores[0]?.init?.openHandles ?? [];
  if (report.unsupported.length > 0 && report.fallbackReason) {
    // On Lambda what the request opened is cloned into every restore: it must be closed first.
    report.fallbackReason +=
      report.openHandles.length === 0 && report.restores.some((restore) => restore.init)
        ? '. The before-snapshot hooks close what it opened, as Lambda needs'
        : '. Close what it opened in a before-snapshot hook (destroy the client; DynamoDBDocumentClient.destroy() does nothing, destroy the DynamoDBClient it wraps) and make a new one after the restore';
  }
  compareRestores(report, records, bundled.code, restores);
  return report;
}

/** Why the build gave no snapshot, and whether plain processes can still run the function. */
function describeFailure(outcome: Exclude<BuildOutcome, { ok: true }>, init: InitRecord | undefined, mapper: SiteMapper): { text: string; fallback: boolean } {
  switch (outcome.reason) {
    case 'unsupported': {
      const use = init?.unsupported[0];
      const what = use ? `${use.module} (${use.property})` : 'node:http or node:https';
      const where = use?.site ? ` at ${use.site}` : ' (no line of your own code is on the stack)';
      return {
        fallback: true,
        text:
          `init made a request or opened a connection through ${what}${where} (priming, say): ${NODE} cannot put ${use?.module ?? 'that module'} in a startup snapshot once it is in use, ` +
          'so plain processes run the function instead (constructing clients at init is fine: only using them stops the snapshot)',
      };
    }
    case 'open-handles':
      return {
        fallback: false,
        text: `init left ${describeCount(init?.openHandles.length ?? 0, 'handle')} open after the before-snapshot hooks: no snapshot can be taken with a handle open (the build would hang, or crash for an unref()ed server or socket). Close them in a before-snapshot hook`,
      };
    case 'exit': {
      const exit = init?.exit;
      return {
        fallback: false,
        text: `init called process.exit(${exit?.code ?? ''})${exit?.site ? ` at ${exit.site}` : ''}: the function ends before it can serve an invoke, on Lambda too`,
      };
    }
    case 'timeout':
      // Not run again in plain processes: it would not finish there either.
      return { fallback: false, text: outcome.message };
    case 'failed': {
      if (!init) return { fallback: false, text: outcome.message };
      const message = mapper.mapText(init.error?.message ?? outcome.message).split('\n')[0];
      if (/\bWebAssembly is not defined\b/.test(message)) {
        // Node's snapshot builder has no WebAssembly: a library that compiles its .wasm at import.
        const { library, site } = libraryOf(mapper, sitesIn(outcome.init?.error?.message ?? ''));
        const who = library ? `${library}${site ? ` (imported for ${site})` : ''}` : 'init';
        return {
          fallback: true,
          text: `${who} compiles WebAssembly at init, and ${NODE}'s snapshot builder has no WebAssembly; import ${library ?? 'it'} after the restore (await import() in the handler or an after-restore hook) to keep the snapshot`,
        };
      }
      // Works on Lambda; only V8's snapshot builder lacks it.
      const where = userLine(mapper.mapText(init.error?.message ?? ''));
      if (/Creating workers is not supported in startup snapshot/.test(message)) {
        return {
          fallback: true,
          text: `init starts a worker thread${where}, which ${NODE} cannot do while it builds a startup snapshot (Lambda can): plain processes run the function instead`,
        };
      }
      if (/Cannot find module|No such built-in module|\.node\b/.test(message)) {
        return { fallback: true, text: `init loads a module the snapshot cannot hold (a native addon, or a file outside the bundle): ${message}` };
      }
      if (init.error?.phase === 'before-snapshot') return { fallback: false, text: message.replace(/^HookError: /, '') };
      return { fallback: false, text: `init failed: ${message}` };
    }
    default:
      return { fallback: true, text: crashReason(outcome, mapper) };
  }
}

function without(env: Record<string, string>, taken: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !(name in taken)));
}

/** ` at file:line:column` of the first frame of a (mapped) stack trace outside node_modules and Node's own modules. */
function userLine(stack: string): string {
  for (const line of stack.split('\n').slice(1)) {
    const site = /\(?((?:file:\/\/)?[^\s()]+:\d+:\d+)\)?\s*$/.exec(line)?.[1];
    if (site && !site.startsWith('node:') && !/[\\/]node_modules[\\/]|snapshot-entry\.cjs/.test(site)) return ` at ${site}`;
  }
  return '';
}

/**
 * One line: what stopped the build, the library whose code was running (from the stack the
 * build printed, through the source map) and what to do.
 */
function crashReason(outcome: Exclude<BuildOutcome, { ok: true }>, mapper: SiteMapper): string {
  const { library, site } = libraryOf(mapper, sitesIn(outcome.stderr));
  const what = mapper.mapText(outcome.message).split('\n')[0];
  if (library) {
    return `${NODE} could not build a snapshot: ${library}${site ? ` (imported for ${site})` : ''} stopped it (${what}); import ${library} after the restore (await import() in the handler or an after-restore hook) to keep the snapshot, or run with --plain`;
  }
  return `${NODE} could not build a snapshot of this function (${what}); no library's code was on the stack: run with --keep to get the snapshot script, or --plain to run without a snapshot`;
}

/** The library a stack (innermost first) runs through, and the user's own line that led there. */
function libraryOf(mapper: SiteMapper, stack: string[]): { library?: string; site?: string } {
  return { library: mapper.firstLibrary(stack), site: mapper.userSite(stack) };
}

/** The `file:line:column` sites of a stack trace's text, innermost first. */
function sitesIn(text: string): string[] {
  return [...text.matchAll(/(?:file:\/\/)?(?:\/|[A-Za-z]:\\)[^\s()]+:\d+:\d+/g)].map((match) => match[0]);
}

/** One environment: start the process, restore it, invoke it, ask for its record, stop it. */
async function restoreOnce(
  index: number,
  emulator: RuntimeApiEmulator,
  args: string[],
  options: EmulateOptions,
  dir: string,
  mapRuns: (runs: HookRun[]) => HookRun[],
  mapInit: (init: InitRecord) => InitRecord,
  cleanup: Cleanup,
  initTimeoutMs: number,
  file: string,
): Promise<RestoreReport & { record?: ProcessRecord }> {
  const restore: RestoreReport & { record?: ProcessRecord } = { index, afterRestoreHooks: [], invokes: [] };
  const recordFile = join(dir, `restore-${index}.json`);
  const started = performance.now();
  let runtime: RuntimeProcess | undefined;
  try {
    // Lambda's variables only (the emulator's, then the function's documented ones), never the developer's shell.
    runtime = startRuntimeProcess({
      emulator,
      args,
      cwd: options.cwd,
      inheritEnv: false,
      // (the emulator's own values, applied first by startRuntimeProcess, win over function-env.ts's)
      env: { ...without(functionEnv(file), emulator.env()), ...options.env, [RESTORE_RECORD_ENV]: recordFile },
      echo: options.echo,
      ownGroup: true,
    });
    if (runtime.child.pid !== undefined) cleanup.groups.add(runtime.child.pid);
    restore.pid = runtime.child.pid;
    await emulator.waitForRestoreNext({ timeoutMs: initTimeoutMs + 5_000 });
    restore.startMs = performance.now() - started;
    await emulator.restore();
    for (let count = 0; count < (options.invokes ?? 1); count++) {
      const result = await emulator.invoke(options.event ?? {});
      if (count === 0) restore.firstInvokeMs = performance.now() - started;
      const handedOut = result.durationMs > 0 || result.ok;
      if (!handedOut) {
        // The event never reached the handler (the environment had failed, or the event was refused).
        if (result.error) throw new Error(`${result.error.errorType}: ${result.error.errorMessage}`);
        break;
      }
      const invoke: InvokeReport = { ok: result.ok, durationMs: result.durationMs };
      if (result.ok) invoke.payload = result.payload;
      else if (result.error) invoke.error = { errorType: result.error.errorType, errorMessage: result.error.errorMessage };
      restore.invokes.push(invoke);
      if (!result.ok && emulator.restoreError) break;
    }
    restore.restoreMs = emulator.restoreDurationMs;
    if (emulator.restoreError) throw new Error(`${emulator.restoreError.errorType}: ${emulator.restoreError.errorMessage}`);
    const control = await emulator.invoke({ [CONTROL_EVENT_KEY]: 'report' });
    if (control.ok) {
      const record = control.payload as ProcessRecord;
      restore.record = record;
      restore.afterRestoreMs = record.afterRestoreMs;
      restore.afterRestoreHooks = mapRuns(record.afterRestoreHooks);
      if (record.init) restore.init = mapInit(record.init);
    }
  } catch (error) {
    restore.error = (error as Error).message;
    const init = emulator.initError ?? emulator.restoreError;
    if (init) restore.error = `${init.errorType}: ${init.errorMessage}`;
  } finally {
    await runtime?.stop();
    if (runtime?.child.pid !== undefined) cleanup.groups.delete(runtime.child.pid);
    if (restore.error) {
      // What the process wrote down before it failed: the hooks that ran, how init ended.
      const partial = readRecord(recordFile);
      if (partial?.afterRestoreHooks) restore.afterRestoreHooks = mapRuns(partial.afterRestoreHooks);
      if (partial?.init) restore.init = mapInit(partial.init);
      if (partial?.init?.exit) restore.error = `init called process.exit(${partial.init.exit.code})${restore.init?.exit?.site ? ` at ${restore.init.exit.site}` : ''}`;
      if (runtime) restore.stderr = runtime.stderr;
    }
  }
  return restore;
}

function readRecord(file: string): Partial<ProcessRecord> | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Partial<ProcessRecord>;
  } catch {
    return undefined;
  }
}

function userSite(mapper: SiteMapper, stack: readonly string[] | undefined): string | undefined {
  return stack ? mapper.userSite(stack) : undefined;
}

function mapHandles(mapper: SiteMapper, handles: OpenHandle[]): OpenHandle[] {
  return handles.map(({ stack, ...handle }) => {
    const site = userSite(mapper, stack) ?? (handle.site ? mapper.map(handle.site) : undefined);
    return { ...handle, ...(site ? { site } : {}) };
  });
}

function mapUse(mapper: SiteMapper, { stack, ...use }: UnsupportedUse): UnsupportedUse {
  const site = userSite(mapper, stack);
  return { ...use, ...(site ? { site } : {}) };
}

/**
 * The environment of the function's processes: Lambda's variables only, as on Lambda (the
 * emulator's, pointed at it, and the documented ones of function-env.ts), then `extra` (--env).
 * Never the developer's shell: its API keys and tokens would be read at init and reported.
 */
export function processEnv(emulator: RuntimeApiEmulator, extra: Record<string, string | undefined> = {}, entryFile = join(process.cwd(), 'index.mjs')): Record<string, string> {
  const env: Record<string, string> = { ...functionEnv(entryFile), ...emulator.env() };
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

function compareRestores(report: EmulateReport, records: Array<ProcessRecord | undefined>, code: string, asked: number): void {
  const complete = report.restores.flatMap((restore, index) => (records[index] ? [{ ...restore, record: records[index] }] : []));
  if (complete.length < 2) {
    report.sameValuesNote =
      asked < 2 ? 'needs at least 2 restores to compare (use --restores 2 or more)' : `needs at least 2 restores that answered, and ${complete.length} of ${asked} did`;
    return;
  }
  const observations: Array<{ label: string; perRestore: ModuleValue[][] }> = [{ label: 'module', perRestore: complete.map((restore) => restore.record?.moduleValues ?? []) }];
  const invokes = Math.min(...complete.map((restore) => restore.invokes.length));
  for (let k = 0; k < invokes; k++) {
    const label = invokes === 1 ? '' : `invoke ${k + 1}`;
    observations.push({ label, perRestore: complete.map((restore) => flattenResponse(restore.invokes[k].payload)) });
  }
  report.sameValues = findSameValues(observations, code);
  if (complete.some((restore) => restore.record?.moduleValuesCut)) {
    report.sameValuesCut = 'the module values were more than the limits (400 values, 40 properties an object, 2 levels deep): the list was cut';
  }
  if (report.mode === 'plain' && report.sameValues.length === 0) {
    report.sameValuesNote = 'plain processes each run their own init, so values made at init differ between them: without a snapshot this check shows little';
  }
}

export function lintOf(bundled: BundledFunction, map: (text: string) => string): { lint: LintFinding[]; lintOther: LintFinding[] } {
  const lint: LintFinding[] = [];
  const lintOther: LintFinding[] = [];
  for (const warning of bundled.warnings) {
    const code = /^\[?(SR\d{3})\]?/.exec(warning.id || warning.text)?.[1];
    if (!code) continue;
    const location = warning.location ? `${warning.location.file}:${warning.location.line}:${warning.location.column + 1}` : undefined;
    const finding: LintFinding = { code, text: map(warning.text), ...(location ? { location } : {}) };
    (code.startsWith('SR1') ? lint : lintOther).push(finding);
  }
  return { lint, lintOther };
}

/**
 * The run-time audit of init (emulator/audit/), in a plain process against the local sink: what
 * a memory snapshot clones, which this V8 snapshot would hide (it re-seeds Math.random; libraries
 * reset state in deserialize callbacks). Its findings join the lint's, one per line and code.
 */
async function auditInto(report: EmulateReport, options: EmulateOptions, bundled: BundledFunction, cwd: string, progress: (line: string) => void, cleanup: Cleanup): Promise<void> {
  progress('auditing init in a plain process (every connection goes to a local sink: nothing leaves this machine)');
  const { auditInit, DEFAULT_AUDIT_TIMEOUT_MS } = await import('../audit/audit.js');
  const audited = await auditInit({
    entry: options.entry,
    cwd,
    bundled,
    ...(options.env ? { env: options.env } : {}),
    // The audit reports at its own deadline, no later than emulate's.
    ...(options.initTimeoutMs !== undefined ? { timeoutMs: Math.min(options.initTimeoutMs, DEFAULT_AUDIT_TIMEOUT_MS) } : {}),
    ...(options.lintOptions ? { plugin: options.lintOptions } : {}),
    onSpawn: (pid) => cleanup.groups.add(pid),
  });
  const known = new Set(report.lint.map((finding) => `${finding.code} ${finding.location?.replace(/:\d+$/, '')}`));
  for (const finding of audited.findings) {
    const location = finding.location ? `${finding.location.file}:${finding.location.line}:${finding.location.column + 1}` : undefined;
    if (known.has(`${finding.code} ${location?.replace(/:\d+$/, '')}`)) continue;
    report.lint.push({ code: finding.code, text: finding.text, ...(location ? { location } : {}) });
  }
  report.audit = { notes: audited.notes, variablesRead: audited.variablesRead, durationMs: audited.durationMs };
}

function describeCount(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

export type { InitRecord };

function nodeWarningOf(version: string, progress: (line: string) => void): { nodeWarning?: string } {
  const warning = entropyCacheFlaw(version);
  if (warning) progress(`warning: ${warning}`);
  return warning ? { nodeWarning: warning } : {};
}
