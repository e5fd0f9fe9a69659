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
import {
  AFTER_RESTORE_EXIT_CODE,
  BEFORE_SNAPSHOT_EXIT_CODE,
  DEFAULT_AFTER_RESTORE_TIMEOUT_MS,
  registeredNames,
  resumeAfterRestore,
  runTimedPhase,
  takeOverSnapStart,
  waitForRestore,
  type HookTiming,
  type TakenOver,
} from '../../runtime/lifecycle/driver.js';
import { RuntimeApiClient } from '../../runtime/runtime-api/client.js';
import { BUILD_EXIT, BUILD_RECORD_ENV, CONTROL_EVENT_KEY, EXIT_AT_MAIN_ENV, RESTORE_RECORD_ENV, type HookRun, type InitRecord, type ProcessRecord } from './protocol.js';
import { collectModuleValues } from './module-values.js';
import { startTracking, stopTracking, waitForOpenHandles } from './open-handles.js';
import { REAL_USE_KEY, type RealUse, stackOf } from './stand-in.js';
import { plainCallSitesInBuild } from './call-sites.js';
import { formatErrorStacksBeforeSnapshot } from './error-stacks.js';
import { putBackWebGlobals, webGlobalsForInit } from './web-globals.js';
import type { ModuleShape } from './stand-in.js';

/** The user's bundle as a function: `(require, importMeta, __filename, __dirname) => async () => exports`. */
export type ModuleFactory = (
  require: NodeJS.Require,
  importMeta: { url: string; dirname: string; filename: string },
  filename: string,
  dirname: string,
  webGlobals?: Record<string, unknown>,
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
  /** Module-scope bindings of the user's own modules: the module values compared across restores. */
  userBindings: string[];
  /** Node's undici-backed globals as observed outside the build (web-globals.ts): what the module sees under their names. */
  webGlobals?: ModuleShape;
}

const BUILD_HANDLE_GRACE_MS = 500;

type ModuleOutcome = { exports: Record<string, unknown> } | { error: unknown };

/** State kept from init to the restore: in snapshot mode it lives in the snapshot's heap. */
interface Carried {
  config: EntryConfig;
  module: Promise<ModuleOutcome>;
  driver: TakenOver;
  init?: InitRecord;
  /** The stand-ins of Node's fetch globals init saw (put back as Node's own after a restore). */
  webGlobals: Record<string, unknown>;
}

const realExit = process.exit;

/** Where this process writes what it found (the build: its InitRecord; a restore: a partial record when it fails). */
function writeRecord(record: object): void {
  const file = process.env[v8.startupSnapshot.isBuildingSnapshot() ? BUILD_RECORD_ENV : RESTORE_RECORD_ENV];
  if (file) writeFileSync(file, JSON.stringify(record));
}

export function start(factory: ModuleFactory, config: Partial<EntryConfig> & { file: string }): void {
  const full: EntryConfig = {
    handler: 'handler',
    afterRestoreTimeoutMs: DEFAULT_AFTER_RESTORE_TIMEOUT_MS,
    openHandleGraceMs: BUILD_HANDLE_GRACE_MS,
    userBindings: [],
    ...config,
  };
  const building = v8.startupSnapshot.isBuildingSnapshot();
  if (building) {
    prepareBuildEnvironment();
    // Set at once: if init never finishes, the build still ends with a program to run.
    v8.startupSnapshot.setDeserializeMainFunction(() => {
      // bench/emulate.mjs: the same blob doing nothing, V8's own deserialisation alone.
      if (process.env[EXIT_AT_MAIN_ENV]) process.exit(0);
      if (!carried) {
        process.stderr.write('snapshot-restore: this snapshot was taken before init finished\n');
        process.exit(1);
      }
      putBackWebGlobals(carried.webGlobals);
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
  const driver = takeOverSnapStart();
  const { init, started, stopWatching, importMeta } = beginInit(config.file, building, {});
  // The build can reach built-in modules only; a plain process resolves from the user's file.
  // (node:module is loaded only then: the snapshot builder warns about it.)
  const requireFn = building ? require : (require('node:module') as typeof import('node:module')).createRequire(config.file);
  const webGlobals = webGlobalsForInit(config.webGlobals, building);
  const module: Promise<ModuleOutcome> = Promise.resolve()
    .then(() => factory(requireFn, importMeta, config.file, dirname(config.file), webGlobals)())
    .then(
      (exports) => ({ exports }),
      (error: unknown) => ({ error }),
    );
  // Init is over when the module awaits snapStart(), or when it has finished.
  const first = await Promise.race([module, driver.called.then(() => undefined)]);
  init.initMs = performance.now() - started;
  init.calledSnapStart = first === undefined;
  const carried: Carried = { config, module, driver, init, webGlobals };
  if (first && 'error' in first) {
    init.error = { phase: 'init', message: formatError(first.error) };
    stopWatching();
    return await finishInit(carried, building);
  }
  const hooksStarted = performance.now();
  try {
    await runTimedPhase('beforeSnapshot', driver.options().beforeSnapshotTimeoutMs, (timing) => init.beforeSnapshotHooks.push(hookRun(timing)));
  } catch (error) {
    init.error = { phase: 'before-snapshot', message: formatError(error) };
  }
  init.beforeSnapshotMs = performance.now() - hooksStarted;
  init.afterRestoreRegistered = registeredNames('afterRestore');
  stopWatching();
  // A socket destroyed in a hook takes a few turns of the event loop to close: wait for it (up to
  // the grace period; at once when nothing is open), in a plain process as in the build.
  if (!init.error) init.openHandles = await waitForOpenHandles(config.openHandleGraceMs);
  stopTracking();
  return await finishInit(carried, building);
}

/**
 * The start of init, the same for a function (runInit) and a web app (platform-entry.ts): what
 * init opens is tracked from here, a record to fill (with the entry's own fields), process.exit()
 * and real uses watched, and the module's import.meta.
 */
export function beginInit<Extra extends object>(
  file: string,
  building: boolean,
  extra: Extra,
): { init: InitRecord & Extra; started: number; stopWatching: () => void; importMeta: { url: string; dirname: string; filename: string } } {
  startTracking();
  const started = performance.now();
  const init: InitRecord & Extra = {
    initMs: 0,
    beforeSnapshotMs: 0,
    beforeSnapshotHooks: [],
    afterRestoreRegistered: [],
    openHandles: [],
    unsupported: [],
    calledSnapStart: false,
    ...extra,
  };
  const stopWatching = watchInit(init, started, building);
  return { init, started, stopWatching, importMeta: { url: pathToFileURL(file).href, dirname: dirname(file), filename: file } };
}

/**
 * While init and the before-snapshot hooks run: a `process.exit()` is recorded with where it was
 * called, and in the build a real use of a stand-in built-in ends the build at once (no snapshot
 * can be taken once the real module is loaded, so there is no point in waiting for init).
 */
function watchInit(init: InitRecord, started: number, building: boolean): () => void {
  let active = true;
  process.exit = function exit(code?: number | string | null): never {
    if (active) {
      active = false;
      init.initMs = performance.now() - started;
      init.exit = { code: Number(code ?? process.exitCode ?? 0), stack: stackOf(exit) };
      writeRecord(building ? init : { init });
    }
    return realExit.call(process, code as number);
  } as typeof process.exit;
  if (building) {
    // Until the heap is written: a use after init (a request still running) breaks the snapshot too.
    const key = Symbol.for(REAL_USE_KEY);
    (globalThis as Record<symbol, unknown>)[key] = (use: RealUse) => {
      if (init.unsupported.length === 0 && active) init.initMs = performance.now() - started;
      init.unsupported.push(use);
      writeRecord(init);
      realExit.call(process, BUILD_EXIT.unsupported);
    };
    v8.startupSnapshot.addSerializeCallback(() => delete (globalThis as Record<symbol, unknown>)[key]);
  }
  return () => {
    active = false;
    process.exit = realExit;
  };
}

function hookRun(timing: HookTiming): HookRun {
  const run: HookRun = { name: timing.name, site: timing.site, durationMs: timing.durationMs };
  if (timing.error !== undefined) run.error = timing.error instanceof Error ? `${timing.error.name}: ${timing.error.message}` : String(timing.error);
  return run;
}

/** In the build: write the record, and refuse to take a snapshot that would hang, crash or lie. */
async function finishInit(carried: Carried, building: boolean): Promise<Carried> {
  const init = carried.init as InitRecord;
  if (!building) return carried;
  writeRecord(init);
  if (init.error) realExit.call(process, BUILD_EXIT.failed);
  if (init.openHandles.length > 0) realExit.call(process, BUILD_EXIT.openHandles);
  await warmUpRuntimeClient();
  // Registered last, so that it runs after init's own serialize callbacks.
  formatErrorStacksBeforeSnapshot();
  // Nothing of the build's bookkeeping goes into the snapshot.
  carried.init = undefined;
  return carried;
}

/**
 * The runtime's Runtime API client runs its first request right after the restore, when its code
 * and node:net's connection path are still cold: a start from the snapshot then pays for their
 * compilation. They are run once here, in the build, against a throwaway local server that is
 * closed before the heap is written (the user's handles were checked before this).
 */
async function warmUpRuntimeClient(): Promise<void> {
  const net = require('node:net') as typeof import('node:net');
  const server = net.createServer((socket) => {
    socket.on('data', (data: Buffer) => {
      const post = data.toString('latin1').startsWith('POST');
      socket.write(post ? 'HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n' : 'HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: warm-up\r\nContent-Length: 2\r\n\r\n{}');
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const client = new RuntimeApiClient(`127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}`);
  try {
    await client.restoreNext();
    const next = await client.nextInvocation();
    await client.invocationResponse(next, '{}');
  } catch {
    // Only a warm-up: a failure here changes nothing.
  } finally {
    client.resetConnections();
    await new Promise((closed) => server.close(closed));
  }
}

async function restoreMain(carried: Carried, mode: 'snapshot' | 'plain'): Promise<void> {
  const mainAtMs = process.uptime() * 1000;
  const client = new RuntimeApiClient();
  const { config, driver } = carried;
  if (carried.init?.error) {
    // Only a plain process gets here with a failed init: report it as Lambda's runtime would.
    writeRecord({ init: carried.init });
    await report(() =>
      client.initError(new Error(carried.init?.error?.message), carried.init?.error?.phase === 'init' ? 'Runtime.ImportModuleError' : 'Runtime.BeforeSnapshotError'),
    );
    process.exit(BEFORE_SNAPSHOT_EXIT_CODE);
  }
  // The same steps as the runtime's lifecycle, with each after-restore hook timed.
  await waitForRestore(client);
  const afterRestoreHooks: HookRun[] = [];
  const hooksStarted = performance.now();
  const afterRestoreTimeoutMs = driver.options().afterRestoreTimeoutMs ?? config.afterRestoreTimeoutMs;
  await resumeAfterRestore(client, { afterRestoreTimeoutMs }, (phase, options) =>
    runTimedPhase(
      phase,
      options.timeoutMs,
      (timing) => {
        afterRestoreHooks.push(hookRun(timing));
        // The runtime exits on a failed hook: what ran is written down first.
        if (timing.error !== undefined) writeRecord({ ...(carried.init ? { init: carried.init } : {}), afterRestoreHooks });
      },
      options.onHook,
    ),
  );
  const afterRestoreMs = performance.now() - hooksStarted;
  driver.release();
  const outcome = await carried.module;
  const handler = 'error' in outcome ? undefined : findHandler(outcome.exports, config.handler);
  if (!handler) {
    const error = 'error' in outcome ? outcome.error : new Error(`${config.handler} is undefined or not exported`);
    process.stderr.write(`snapshot-restore: ${formatError(error)}\n`);
    await report(() => client.restoreError(error, 'error' in outcome ? 'Runtime.ImportModuleError' : 'Runtime.HandlerNotFound'));
    process.exit(AFTER_RESTORE_EXIT_CODE);
  }
  const record = async (): Promise<ProcessRecord> => {
    const collected = await collectModuleValues(handler, new Set(config.userBindings));
    return {
      pid: process.pid,
      mode,
      ...(carried.init ? { init: carried.init } : {}),
      mainAtMs,
      afterRestoreMs,
      afterRestoreHooks,
      moduleValues: collected.values,
      ...(collected.cut ? { moduleValuesCut: true } : {}),
    };
  };
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
export function prepareBuildEnvironment(): void {
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
  plainCallSitesInBuild();
  if (!hadLimit) Error.stackTraceLimit = 10;
  v8.startupSnapshot.addSerializeCallback(() => {
    for (const name of added) delete (Array.prototype as unknown as Record<string, unknown>)[name];
    if (!hadLimit) delete (Error as { stackTraceLimit?: number }).stackTraceLimit;
  });
}
