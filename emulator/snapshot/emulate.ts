// `emulate`: a real snapshot and restore of a Lambda function on this machine. Bundles the
// function, builds one V8 startup snapshot after init and the before-snapshot hooks, then starts
// N processes from it, each against its own Runtime API emulator in SnapStart mode: the restore,
// the after-restore hooks, the invokes. When Node cannot snapshot the function, the same lifecycle
// runs in plain processes instead, and the report says why.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { Plugin } from 'esbuild';
import { bundleFunction, type BundledFunction } from './bundle.js';
import { CONTROL_EVENT_KEY, type HookRun, type InitRecord, type ModuleValue, type OpenHandle, type ProcessRecord } from './protocol.js';
import type { EmulateReport, InvokeReport, LintFinding, RestoreReport } from './report.js';
import { RuntimeApiEmulator } from '../runtime-api/server.js';
import { startRuntimeProcess, type RuntimeProcess } from '../runtime-api/runtime-process.js';
import { findSameValues, flattenResponse } from './same-values.js';
import { buildSnapshot, writeSnapshotScript, type BuildOutcome, type SnapshotScript } from './build.js';

export interface EmulateOptions {
  /** The function: a TypeScript/JavaScript entry, or an already built bundle. */
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
  /** Bound for the snapshot build. Default 130 000 ms (Lambda's init limit). */
  initTimeoutMs?: number;
  /** Extra environment for the function's processes. */
  env?: Record<string, string | undefined>;
  /** Forward the function's own output as it arrives. */
  echo?: boolean;
  /** Keep the work folder (script, blob) and say where it is. */
  keep?: boolean;
}

export interface EmulateResult {
  report: EmulateReport;
  /** The work folder, when kept. */
  dir?: string;
}

export async function emulate(options: EmulateOptions): Promise<EmulateResult> {
  const cwd = options.cwd ?? process.cwd();
  const file = resolve(cwd, options.entry);
  const restores = Math.max(1, options.restores ?? 3);
  const bundled = await bundleFunction(file, { plugins: options.plugins, alias: options.alias, cwd });
  const dir = mkdtempSync(join(tmpdir(), 'snapshot-restore-emulate-'));
  try {
    const script = await writeSnapshotScript(bundled, dir, { file, handler: options.handler ?? 'handler' }, cwd);
    const report = await run(options, bundled, script, dir, restores, cwd);
    return options.keep ? { report, dir } : { report };
  } finally {
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  }
}

async function run(options: EmulateOptions, bundled: BundledFunction, script: SnapshotScript, dir: string, restores: number, cwd: string): Promise<EmulateReport> {
  const { mapper } = script;
  const report: EmulateReport = {
    entry: relative(cwd, resolve(cwd, options.entry)) || options.entry,
    mode: 'snapshot',
    bundle: { bytes: bundled.bytes, durationMs: bundled.durationMs },
    openHandles: [],
    unsupported: [],
    hooks: { beforeSnapshot: [], afterRestore: [] },
    restores: [],
    sameValues: [],
    ...lintOf(bundled, mapper.mapText.bind(mapper)),
  };
  const mapRuns = (runs: HookRun[]) => runs.map((hook) => ({ ...hook, site: mapper.map(hook.site) }));
  const mapHandles = (handles: OpenHandle[]) => handles.map((handle) => ({ ...handle, ...(handle.site ? { site: mapper.map(handle.site) } : {}) }));

  // Each restore is its own execution environment with its own Runtime API, as on Lambda.
  const emulators: RuntimeApiEmulator[] = [];
  const records: Array<ProcessRecord | undefined> = [];
  const newEmulator = async () => {
    const emulator = await RuntimeApiEmulator.start({ snapStart: true, waitTimeoutMs: 30_000 });
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
      const outcome = await buildSnapshot(script.file, dir, {
        env: processEnv(first, options.env),
        cwd,
        timeoutMs: options.initTimeoutMs,
        echo: options.echo,
      });
      if (outcome.init) {
        report.build = {
          durationMs: outcome.durationMs,
          initMs: outcome.init.initMs,
          beforeSnapshotMs: outcome.init.beforeSnapshotMs,
          beforeSnapshotHooks: mapRuns(outcome.init.beforeSnapshotHooks),
          ...(outcome.ok ? { snapshotBytes: outcome.blobBytes } : {}),
        };
        report.openHandles = mapHandles(outcome.init.openHandles);
        report.unsupported = outcome.init.unsupported.map((use) => ({ ...use, ...(use.site ? { site: mapper.map(use.site) } : {}) }));
      }
      if (outcome.ok) blob = outcome.blob;
      else if (outcome.reason === 'open-handles') {
        report.error = `init left ${describeCount(outcome.init?.openHandles.length ?? 0, 'handle')} open after the before-snapshot hooks: no snapshot can be taken with a handle open (the build would hang, or crash for an unref()ed server or socket)`;
        return report;
      } else {
        report.mode = 'plain';
        report.fallbackReason = fallbackReason(outcome, mapper.mapText.bind(mapper));
      }
    }

    const args = blob ? ['--snapshot-blob', blob] : [script.file];
    for (let index = 1; index <= restores; index++) {
      const emulator = index === 1 ? first : await newEmulator();
      const { record, ...restore } = await restoreOnce(index, emulator, args, options, mapRuns, mapHandles);
      report.restores.push(restore);
      records.push(record);
    }
  } finally {
    await Promise.all(emulators.map((emulator) => emulator.close()));
  }
  report.hooks = {
    beforeSnapshot: (report.build?.beforeSnapshotHooks ?? report.restores[0]?.init?.beforeSnapshotHooks ?? []).map((hook) => hook.name),
    afterRestore: (report.restores[0]?.afterRestoreHooks ?? []).map((hook) => hook.name),
  };
  if (report.mode === 'plain' && report.openHandles.length === 0) report.openHandles = report.restores[0]?.init?.openHandles ?? [];
  compareRestores(report, records, bundled.code);
  return report;
}

/** One environment: start the process, restore it, invoke it, ask for its record, stop it. */
async function restoreOnce(
  index: number,
  emulator: RuntimeApiEmulator,
  args: string[],
  options: EmulateOptions,
  mapRuns: (runs: HookRun[]) => HookRun[],
  mapHandles: (handles: OpenHandle[]) => OpenHandle[],
): Promise<RestoreReport & { record?: ProcessRecord }> {
  const restore: RestoreReport & { record?: ProcessRecord } = { index, afterRestoreHooks: [], invokes: [] };
  const started = performance.now();
  let runtime: RuntimeProcess | undefined;
  try {
    runtime = startRuntimeProcess({ emulator, args, cwd: options.cwd, env: options.env, echo: options.echo });
    restore.pid = runtime.child.pid;
    await emulator.waitForRestoreNext();
    restore.startMs = performance.now() - started;
    await emulator.restore();
    for (let count = 0; count < (options.invokes ?? 1); count++) {
      const result = await emulator.invoke(options.event ?? {});
      if (count === 0) restore.firstInvokeMs = performance.now() - started;
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
      if (record.init) restore.init = { ...record.init, beforeSnapshotHooks: mapRuns(record.init.beforeSnapshotHooks), openHandles: mapHandles(record.init.openHandles) };
    }
  } catch (error) {
    restore.error = (error as Error).message;
    const init = emulator.initError;
    if (init) restore.error = `${init.errorType}: ${init.errorMessage}`;
  } finally {
    await runtime?.stop();
    if (restore.error && runtime) restore.stderr = runtime.stderr;
  }
  return restore;
}

/** The environment of the function's processes: Lambda's, pointed at the emulator, without the developer's AWS variables. */
export function processEnv(emulator: RuntimeApiEmulator, extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(AWS_|LAMBDA_|_HANDLER$|_X_AMZN_TRACE_ID$)/.test(name)) env[name] = value;
  }
  Object.assign(env, emulator.env());
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

function compareRestores(report: EmulateReport, records: Array<ProcessRecord | undefined>, code: string): void {
  const complete = report.restores.flatMap((restore, index) => (records[index] ? [{ ...restore, record: records[index] }] : []));
  if (complete.length < 2) {
    report.sameValuesNote = 'needs at least 2 restores that answered (use --restores 2 or more)';
  } else {
    const observations: Array<{ label: string; perRestore: ModuleValue[][] }> = [
      { label: 'module', perRestore: complete.map((restore) => restore.record?.moduleValues ?? []) },
    ];
    const invokes = Math.min(...complete.map((restore) => restore.invokes.length));
    for (let k = 0; k < invokes; k++) {
      const label = invokes === 1 ? '' : `invoke ${k + 1}`;
      observations.push({ label, perRestore: complete.map((restore) => flattenResponse(restore.invokes[k].payload)) });
    }
    report.sameValues = findSameValues(observations, code);
    if (report.mode === 'plain') {
      report.sameValuesNote = report.sameValues.length === 0 ? 'plain processes each run their own init, so values made at init differ between them: without a snapshot this check shows little' : undefined;
    }
  }
}

function lintOf(bundled: BundledFunction, map: (text: string) => string): { lint: LintFinding[]; lintOther: LintFinding[] } {
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

function fallbackReason(outcome: Exclude<BuildOutcome, { ok: true }>, map: (text: string) => string): string {
  switch (outcome.reason) {
    case 'unsupported':
      return 'init used node:http, node:https, node:http2 or node:tls, which Node 20 cannot put in a startup snapshot; create clients lazily or in an after-restore hook to get a snapshot';
    case 'failed': {
      const message = map(outcome.message).split('\n')[0];
      if (/Cannot find module|No such built-in module|\.node\b/.test(message)) {
        return `init loads a module the snapshot cannot hold (a native addon, or a file outside the bundle): ${message}`;
      }
      return `init failed while building the snapshot: ${message}`;
    }
    case 'timeout':
      return outcome.message;
    default:
      return `Node could not build a snapshot of this function (${map(outcome.message)})`;
  }
}

function describeCount(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

export type { InitRecord };
