// The program inside the snapshot. The emulate command bundles this file (with the runtime it
// uses) into one CommonJS script, after the user's function wrapped as a module factory, and runs
// the script either way:
// - `node --snapshot-blob f.blob --build-snapshot entry.cjs`: init (the module runs until it awaits
//   `snapStart()`, or to its end), the before-snapshot hooks, a check for open handles; then the
//   event loop empties and Node writes the heap to the blob. `restoreMain` is what runs on each
//   `node --snapshot-blob f.blob`: GET /restore/next, the after-restore hooks, the module's own
//   `await snapStart()` resumes, then the invoke loop.
// - `node entry.cjs` (the fallback, and the cold start of the benchmark): the same steps in one
//   plain process, with init before GET /restore/next, as the stock runtime does it.
import { writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { exportAt, type Handler } from '../../runtime/invoke/handler-loader.js';
import { invokeLoop } from '../../runtime/invoke/loop.js';
import { formatError } from '../../runtime/invoke/format-error.js';
import { AFTER_RESTORE_EXIT_CODE, BEFORE_SNAPSHOT_EXIT_CODE, DEFAULT_AFTER_RESTORE_TIMEOUT_MS, resumeAfterRestore, waitForRestore, type LifecycleOptions, type LifecycleState } from '../../runtime/lifecycle/lifecycle.js';
import { registry, type PhaseName } from '../../runtime/hooks/registry.js';
import { runHooks } from '../../runtime/hooks/run.js';
import { RuntimeApiClient } from '../../runtime/runtime-api/client.js';
import { BUILD_EXIT, BUILD_RECORD_ENV, CONTROL_EVENT_KEY, UNSUPPORTED_KEY, type HookRun, type InitRecord, type ProcessRecord, type UnsupportedUse } from './protocol.js';
import { collectModuleValues } from './module-values.js';
import { startTracking, stopTracking, waitForOpenHandles } from './open-handles.js';

/** The user's bundle as a function: `(require, importMeta, __filename, __dirname) => async () => exports`. */
export type ModuleFactory = (
  require: NodeJS.Require,
  importMeta: { url: string; dirname: string; filename: string },
  filename: string,
  dirname: string,
) => () => Promise<Record<string, unknown>>;

export interface EntryConfig {
  /** Name of the handler export. */
  handler: string;
  /** The user's entry file: what `import.meta`, `__filename` and a plain process's `require` refer to. */
  file: string;
  /** Deadline of the after-restore hooks (Lambda's restore phase is 10 s). */
  afterRestoreTimeoutMs: number;
  /** How long init may take to close what it opened before the snapshot is refused. */
  openHandleGraceMs: number;
}

const BUILD_HANDLE_GRACE_MS = 500;

type ModuleOutcome = { exports: Record<string, unknown> } | { error: unknown };

/** State kept from init to the restore: in snapshot mode it lives in the snapshot's heap. */
interface Carried {
  config: EntryConfig;
  module: Promise<ModuleOutcome>;
  /** Lets the module's `await snapStart()` continue, after the after-restore hooks. */
  releaseSnapStart: () => void;
  init?: InitRecord;
}

export function start(factory: ModuleFactory, config: Partial<EntryConfig> & { file: string }): void {
  const full: EntryConfig = {
    handler: 'handler',
    afterRestoreTimeoutMs: DEFAULT_AFTER_RESTORE_TIMEOUT_MS,
    openHandleGraceMs: BUILD_HANDLE_GRACE_MS,
    ...config,
  };
  const building = v8.startupSnapshot.isBuildingSnapshot();
  if (building) {
    prepareBuildEnvironment();
    // Set at once: if init never finishes, the build still ends with a program to run.
    v8.startupSnapshot.setDeserializeMainFunction(() => {
      if (!carried) {
        process.stderr.write('snapshot-restore: this snapshot was taken before init finished\n');
        process.exit(1);
      }
      void restoreMain(carried, 'snapshot');
    });
  }
  let carried: Carried | undefined;
  void runInit(factory, full, building).then((state) => {
    carried = state;
    if (!building) void restoreMain(state, 'plain');
  });
}

async function runInit(factory: ModuleFactory, config: EntryConfig, building: boolean): Promise<Carried> {
  startTracking();
  const snapStart = interceptSnapStart();
  const started = performance.now();
  // The build can reach built-in modules only; a plain process resolves from the user's file.
  // (node:module is loaded only then: the snapshot builder warns about it.)
  const requireFn = building ? require : (require('node:module') as typeof import('node:module')).createRequire(config.file);
  const importMeta = { url: pathToFileURL(config.file).href, dirname: dirname(config.file), filename: config.file };
  const module: Promise<ModuleOutcome> = Promise.resolve()
    .then(() => factory(requireFn, importMeta, config.file, dirname(config.file))())
    .then((exports) => ({ exports }), (error: unknown) => ({ error }));
  // Init is over when the module awaits snapStart(), or when it has finished.
  const first = await Promise.race([module, snapStart.called.then(() => undefined)]);
  const init: InitRecord = {
    initMs: performance.now() - started,
    beforeSnapshotMs: 0,
    beforeSnapshotHooks: [],
    afterRestoreRegistered: [],
    openHandles: [],
    unsupported: [],
    calledSnapStart: first === undefined,
  };
  const carried: Carried = { config, module, releaseSnapStart: snapStart.release, init };
  if (first && 'error' in first) {
    init.error = { phase: 'init', message: formatError(first.error) };
    return finishInit(carried, building);
  }
  const hooksStarted = performance.now();
  try {
    await runTimedHooks('beforeSnapshot', init.beforeSnapshotHooks, snapStartOptions().beforeSnapshotTimeoutMs);
  } catch (error) {
    init.error = { phase: 'before-snapshot', message: formatError(error) };
  }
  init.beforeSnapshotMs = performance.now() - hooksStarted;
  init.afterRestoreRegistered = registry().afterRestore.map((hook) => hook.name);
  if (!init.error) init.openHandles = await waitForOpenHandles(building ? config.openHandleGraceMs : 0);
  stopTracking();
  init.unsupported = [...((globalThis as Record<symbol, UnsupportedUse[] | undefined>)[Symbol.for(UNSUPPORTED_KEY)] ?? [])];
  return finishInit(carried, building);
}

/** In the build: write the record, and refuse to take a snapshot that would hang, crash or lie. */
function finishInit(carried: Carried, building: boolean): Carried {
  const init = carried.init as InitRecord;
  if (!building) return carried;
  const out = process.env[BUILD_RECORD_ENV];
  if (out) writeFileSync(out, JSON.stringify(init));
  if (init.error) process.exit(BUILD_EXIT.failed);
  if (init.openHandles.length > 0) process.exit(BUILD_EXIT.openHandles);
  if (init.unsupported.length > 0) process.exit(BUILD_EXIT.unsupported);
  // Nothing of the build's bookkeeping goes into the snapshot.
  delete (globalThis as Record<symbol, unknown>)[Symbol.for(UNSUPPORTED_KEY)];
  carried.init = undefined;
  return carried;
}

/** What the module passed to `snapStart(options)` (deadlines), as the runtime recorded it. */
function snapStartOptions(): LifecycleOptions {
  return (registry() as LifecycleState).lifecycleOptions ?? {};
}

/**
 * The module's `await snapStart()` must wait across the snapshot. snapStart() keeps its one
 * lifecycle per process in the registry (`lifecycle`); answering that slot with a promise we
 * settle after the restore makes every copy of the runtime in the bundle wait for us.
 */
function interceptSnapStart(): { called: Promise<void>; release: () => void } {
  let signal!: () => void;
  const called = new Promise<void>((resolve) => (signal = resolve));
  let release!: () => void;
  const lifecycle = new Promise<void>((resolve) => (release = resolve));
  Object.defineProperty(registry(), 'lifecycle', {
    configurable: true,
    get() {
      signal();
      return lifecycle;
    },
    set() {
      // runLifecycle() only assigns when the slot is empty; it never is.
    },
  });
  return { called, release };
}

/** Runs a phase with each hook timed, in the order the runtime runs them. */
async function runTimedHooks(phase: PhaseName, runs: HookRun[], timeoutMs?: number): Promise<void> {
  const list = registry()[phase];
  for (let index = 0; index < list.length; index++) {
    const hook = list[index];
    const fn = hook.fn;
    const timed = function (this: unknown, ...args: unknown[]): unknown {
      const run: HookRun = { name: hook.name, site: hook.site, durationMs: 0 };
      runs.push(run);
      const started = performance.now();
      const done = (error?: unknown) => {
        run.durationMs = performance.now() - started;
        if (error !== undefined) run.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      };
      try {
        const result = fn.apply(this, args);
        if (result && typeof (result as Promise<unknown>).then === 'function') {
          return (result as Promise<unknown>).then(
            (value) => {
              done();
              return value;
            },
            (error: unknown) => {
              done(error);
              throw error;
            },
          );
        }
        done();
        return result;
      } catch (error) {
        done(error);
        throw error;
      }
    };
    list[index] = { ...hook, fn: timed };
  }
  await runHooks(phase, { timeoutMs });
}

async function restoreMain(carried: Carried, mode: 'snapshot' | 'plain'): Promise<void> {
  const mainAtMs = process.uptime() * 1000;
  const client = new RuntimeApiClient();
  const { config } = carried;
  if (carried.init?.error) {
    // Only a plain process gets here with a failed init: report it as Lambda's runtime would.
    await report(() => client.initError(new Error(carried.init?.error?.message), carried.init?.error?.phase === 'init' ? 'Runtime.ImportModuleError' : 'Runtime.BeforeSnapshotError'));
    process.exit(BEFORE_SNAPSHOT_EXIT_CODE);
  }
  // The same steps as the runtime's lifecycle, with each after-restore hook timed.
  await waitForRestore(client);
  const afterRestoreHooks: HookRun[] = [];
  const hooksStarted = performance.now();
  const afterRestoreTimeoutMs = snapStartOptions().afterRestoreTimeoutMs ?? config.afterRestoreTimeoutMs;
  await resumeAfterRestore(client, { afterRestoreTimeoutMs }, (phase, options) => runTimedHooks(phase, afterRestoreHooks, options.timeoutMs));
  const afterRestoreMs = performance.now() - hooksStarted;
  carried.releaseSnapStart();
  const outcome = await carried.module;
  const handler = 'error' in outcome ? undefined : findHandler(outcome.exports, config.handler);
  if (!handler) {
    const error = 'error' in outcome ? outcome.error : new Error(`${config.handler} is undefined or not exported`);
    process.stderr.write(`snapshot-restore: ${formatError(error)}\n`);
    await report(() => client.restoreError(error, 'error' in outcome ? 'Runtime.ImportModuleError' : 'Runtime.HandlerNotFound'));
    process.exit(AFTER_RESTORE_EXIT_CODE);
  }
  const record = async (): Promise<ProcessRecord> => ({
    pid: process.pid,
    mode,
    ...(carried.init ? { init: carried.init } : {}),
    mainAtMs,
    afterRestoreMs,
    afterRestoreHooks,
    moduleValues: await collectModuleValues(handler),
  });
  await invokeLoop(client, answeringControlEvents(handler, record));
}

/** The handler export, also under `default` (a CommonJS module bundled as ESM). */
function findHandler(exports: Record<string, unknown>, name: string): Handler | undefined {
  const found = [exportAt(exports, name), exportAt(exports.default, name)].find((value) => typeof value === 'function');
  return found as Handler | undefined;
}

/** The handler, except that the emulate command's control event gets this process's record. */
function answeringControlEvents(handler: Handler, record: () => Promise<ProcessRecord>): Handler {
  const isControl = (event: unknown) => typeof event === 'object' && event !== null && (event as Record<string, unknown>)[CONTROL_EVENT_KEY] === 'report';
  // The invoke loop tells callback handlers by their parameter count: keep it.
  if (handler.length >= 3) {
    return (event, context, callback) => (isControl(event) ? record().then((value) => callback?.(null, value)) : handler(event, context, callback));
  }
  return (event, context) => (isControl(event) ? record() : handler(event, context));
}

async function report(send: () => Promise<void>): Promise<void> {
  try {
    await send();
  } catch (error) {
    process.stderr.write(`snapshot-restore: could not report the error to the Runtime API: ${formatError(error)}\n`);
  }
}

/**
 * Makes the snapshot builder's JavaScript environment like a normal process's for init.
 * While a snapshot is built, V8 leaves out the newest built-ins (Array.prototype.toSorted and its
 * siblings), which node:http itself uses. They are added for the build and removed before the heap
 * is written: on a start from the snapshot V8 installs its own, and would abort on a duplicate.
 */
function prepareBuildEnvironment(): void {
  const added: string[] = [];
  const methods: Record<string, (this: unknown[], ...args: any[]) => unknown> = {
    toSorted(compare?: (a: unknown, b: unknown) => number) {
      return [...this].sort(compare);
    },
    toReversed() {
      return [...this].reverse();
    },
    toSpliced(start: number, deleteCount?: number, ...items: unknown[]) {
      const copy = [...this];
      // biome-ignore lint/complexity/noArguments: an omitted deleteCount (to the end) is not an undefined one (none)
      if (arguments.length < 2) copy.splice(start);
      else copy.splice(start, deleteCount as number, ...items);
      return copy;
    },
    with(index: number, value: unknown) {
      const copy = [...this];
      copy[index < 0 ? copy.length + index : index] = value;
      return copy;
    },
  };
  for (const [name, fn] of Object.entries(methods)) {
    if (name in Array.prototype) continue;
    Object.defineProperty(Array.prototype, name, { value: fn, writable: true, configurable: true });
    added.push(name);
  }
  // The builder also runs without stack traces (Error.stackTraceLimit is unset until the restore):
  // hook registration sites, open handles and init errors need them.
  const hadLimit = Object.hasOwn(Error, 'stackTraceLimit');
  if (!hadLimit) Error.stackTraceLimit = 10;
  v8.startupSnapshot.addSerializeCallback(() => {
    for (const name of added) delete (Array.prototype as unknown as Record<string, unknown>)[name];
    if (!hadLimit) delete (Error as { stackTraceLimit?: number }).stackTraceLimit;
  });
}
