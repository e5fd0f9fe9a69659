// The program inside the snapshot of a web app, for `emulate --platform lwa|microvm`. The emulate
// command bundles this file after the app (wrapped as a module factory) and builds a startup
// snapshot with `node --build-snapshot`:
// - init: the app's module runs; the servers it makes and the listen() calls it makes are recorded,
//   not bound (deferred-server.ts). Init is over when the module has finished, or when it awaits
//   what only a listening server can give (`await fastify.listen()`): the event loop is then empty.
// - the calls the platform makes before its snapshot (Lambda Web Adapter's before-checkpoint,
//   MicroVMs' `ready`, asked again while it answers 503) go to the app's own snapshot-restore/http
//   handler in-process: the same code a POST reaches, without the HTTP, since nothing listens yet.
// - a check for open handles; then the event loop empties and Node writes the heap.
// Each `node --snapshot-blob` start replays the recorded listen() calls, and tells the emulate
// command (on fd 3) where the app listens; the platform's later calls are real HTTP requests.
import { writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import v8 from 'node:v8';
import { formatError } from '../../runtime/invoke/format-error.js';
import { type HttpHandler, watchHttpHandlers } from '../../runtime/lifecycle/driver.js';
import { deferServers, deferredServers, listeningAwaited, replayServers, type DeferredServerInfo } from './deferred-server.js';
import { deferSignals, deferredSignals, replaySignals } from './deferred-signals.js';
import { beginInit, prepareBuildEnvironment, type ModuleFactory } from './entry.js';
import { formatErrorStacksBeforeSnapshot } from './error-stacks.js';
import { requestsInFlight, stopTracking, waitForOpenHandles } from './open-handles.js';
import { onInheritedSocket } from './listen-handoff.js';
import { BUILD_EXIT, BUILD_RECORD_ENV, LISTEN_FD_ENV, READY_FD_ENV, type InitRecord } from './protocol.js';
import type { ModuleShape } from './stand-in.js';
import { putBackWebGlobals, webGlobalsForInit } from './web-globals.js';

/** A call the platform makes before its snapshot. */
export interface BeforeCall {
  call: string;
  path: string;
  /** 503 means "not yet": asked again (MicroVM `ready`). */
  retry: boolean;
}

export interface PlatformEntryConfig {
  file: string;
  before: BeforeCall[];
  /** Pause between two asks while a call answers 503. */
  pauseMs: number;
  /** How often a 503 call is asked before the build gives up. */
  maxAsks: number;
  openHandleGraceMs: number;
  webGlobals?: ModuleShape;
}

/** A before-snapshot call as it went, in the build. */
export interface BuildCall {
  call: string;
  path: string;
  status: number | 'error';
  attempts: number;
  durationMs: number;
  body: string;
}

export interface PlatformInitRecord extends InitRecord {
  servers: DeferredServerInfo[];
  /** Signals init listened for: added after the restore. */
  signals: string[];
  calls: BuildCall[];
}

/** What a start from the snapshot tells emulate once its replayed listen() calls have bound (or failed). */
export interface ReadyLine {
  listening: Array<{ address: string; port: number } | string>;
  errors: string[];
  /** From the start of the process to its main function (the deserialisation). */
  mainAtMs: number;
}

const handlers: HttpHandler[] = [];
let stopHandlers = (): void => {};

// Captured before startTracking() wraps it: the pauses between asks are not the app's timers.
const pauseTimer = globalThis.setTimeout;
const realExit = process.exit;

type ModuleOutcome = { exports: Record<string, unknown> } | { error: unknown };

export function start(factory: ModuleFactory, config: PlatformEntryConfig): void {
  if (!v8.startupSnapshot.isBuildingSnapshot()) {
    process.stderr.write('snapshot-restore: the platform entry runs only in a snapshot build\n');
    process.exit(1);
  }
  prepareBuildEnvironment();
  deferServers();
  deferSignals();
  // The app's snapshot-restore/http handlers, as init makes them: the calls before the snapshot go to them.
  stopHandlers = watchHttpHandlers((handler) => handlers.push(handler));
  let carried: Built | undefined;
  v8.startupSnapshot.setDeserializeMainFunction(() => {
    if (!carried) {
      process.stderr.write('snapshot-restore: this snapshot was taken before init finished\n');
      process.exit(1);
    }
    putBackWebGlobals(carried.webGlobals);
    restored(carried.module);
  });
  void build(factory, config).then((outcome) => {
    carried = outcome;
  });
}

/** What the heap carries to each start from it. */
interface Built {
  module: Promise<ModuleOutcome>;
  webGlobals: Record<string, unknown>;
}

async function build(factory: ModuleFactory, config: PlatformEntryConfig): Promise<Built> {
  const { init, started, stopWatching, importMeta } = beginInit<Pick<PlatformInitRecord, 'servers' | 'signals' | 'calls'>>(config.file, true, {
    servers: [],
    signals: [],
    calls: [],
  });
  const webGlobals = webGlobalsForInit(config.webGlobals, true);
  const module: Promise<ModuleOutcome> = Promise.resolve()
    .then(() => factory(require, importMeta, config.file, dirname(config.file), webGlobals)())
    .then(
      (exports) => ({ exports }),
      (error: unknown) => ({ error }),
    );
  // The module may await its server's `listening` (`await fastify.listen()`): that comes after the
  // restore. Once nothing else is pending, init is over.
  const idle = untilIdle();
  const first = await Promise.race([module, idle.promise]);
  idle.stop();
  init.initMs = performance.now() - started;
  init.servers = deferredServers();
  init.signals = deferredSignals();
  if (first && 'error' in first) {
    init.error = { phase: 'init', message: formatError(first.error) };
  } else {
    const phaseStarted = performance.now();
    for (const call of config.before) {
      const done = await sendInProcess(call, config);
      init.calls.push(done);
      if (done.status !== 'error' && done.status >= 200 && done.status < 300) continue;
      init.error = { phase: 'before-snapshot', message: `${call.call} answered ${done.status}: ${done.body.trim().split('\n')[0]}` };
      break;
    }
    init.beforeSnapshotMs = performance.now() - phaseStarted;
  }
  stopHandlers();
  stopWatching();
  if (!init.error) init.openHandles = await waitForOpenHandles(config.openHandleGraceMs);
  stopTracking();
  writeRecord(init);
  if (init.error) realExit.call(process, BUILD_EXIT.failed);
  if (init.openHandles.length > 0) realExit.call(process, BUILD_EXIT.openHandles);
  formatErrorStacksBeforeSnapshot();
  // Wrapped: the module's promise itself goes into the snapshot (it may still wait for `listening`).
  return { module, webGlobals };
}

/**
 * Resolves once the process has nothing pending but its stdio: no timer, socket, file operation
 * or child. (Not `beforeExit`: in the snapshot builder it starts the serialisation, and work
 * started from it is not waited for.) Checked every few ms with a timer of our own, which is not
 * pending while the check runs. While init waits for a deferred server's `listening` (which comes
 * only after the restore), no open handle can end that wait, whatever it is (a socket, a server the
 * app started itself, a timer): init is over once no request is in flight (a file read, a DNS
 * lookup, a connect), which ends by itself. Handles still open after the before-snapshot hooks are
 * named by the open-handle check.
 */
function untilIdle(): { promise: Promise<undefined>; stop: () => void } {
  let stopped = false;
  const promise = new Promise<undefined>((resolve) => {
    const check = () => {
      if (stopped) return;
      const pending = listeningAwaited() ? requestsInFlight() : process.getActiveResourcesInfo().filter((type) => type !== 'PipeWrap' && type !== 'TTYWrap').length;
      if (pending === 0) resolve(undefined);
      else wait();
    };
    // Checked from an immediate after the timer: a timer still counts as active in its own callback.
    const wait = () => pauseTimer(() => setImmediate(check), 5);
    wait();
  });
  return { promise, stop: () => (stopped = true) };
}

/** The call as the platform would send it, answered by the app's snapshot-restore/http handler. */
async function sendInProcess(call: BeforeCall, config: PlatformEntryConfig): Promise<BuildCall> {
  const started = performance.now();
  const handler = handlers.find((candidate) => candidate.matches(call.path));
  if (!handler) {
    const body = `no snapshot-restore/http handler made at init serves ${call.path}: the platform's POST would reach the app's own routes`;
    return { call: call.call, path: call.path, status: 'error', attempts: 1, durationMs: performance.now() - started, body };
  }
  let attempts = 0;
  for (;;) {
    attempts++;
    let status: number | 'error';
    let body: string;
    try {
      // The platform's POST, empty, from loopback (the web adapter's side of the connection).
      const answer = (await handler.answer({ method: 'POST', pathname: call.path, body: async () => '', remoteAddress: '127.0.0.1' })) as
        | { status: number; body: string }
        | undefined;
      status = answer?.status ?? 'error';
      body = answer?.body ?? 'the handler did not answer the call';
    } catch (error) {
      status = 'error';
      body = formatError(error);
    }
    if (!(call.retry && status === 503) || attempts >= config.maxAsks) return { call: call.call, path: call.path, status, attempts, durationMs: performance.now() - started, body };
    await new Promise((resolve) => pauseTimer(resolve, config.pauseMs));
  }
}

function writeRecord(record: PlatformInitRecord): void {
  const file = process.env[BUILD_RECORD_ENV];
  if (file) writeFileSync(file, JSON.stringify(record));
}

/** A start from the snapshot: the servers listen as init asked, and emulate is told where. */
function restored(module: Promise<ModuleOutcome>): void {
  const mainAtMs = process.uptime() * 1000;
  void module.then((outcome) => {
    if ('error' in outcome) process.stderr.write(`snapshot-restore: the app's module failed after the restore: ${formatError(outcome.error)}\n`);
  });
  replaySignals();
  // The port emulate gave the app, still bound by emulate: its socket is inherited (listen-handoff.ts).
  const fd = Number(process.env[LISTEN_FD_ENV]);
  const servers = replayServers(Number.isInteger(fd) && fd > 2 ? (args) => onInheritedSocket(args, Number(process.env.PORT), fd) : undefined);
  const bound = servers.map(
    (server) =>
      new Promise<{ address: string; port: number } | string | Error>((resolve) => {
        if (server.listening) return resolve(where(server));
        const onListening = () => {
          server.off('error', onError);
          resolve(where(server));
        };
        const onError = (error: Error) => {
          server.off('listening', onListening);
          resolve(error);
          // Not ours to swallow: with no listener of the app's own, it ends the process as it would have.
          if (server.listenerCount('error') === 0) process.nextTick(() => server.emit('error', error));
        };
        server.once('listening', onListening);
        server.once('error', onError);
      }),
  );
  void Promise.all(bound).then((results) => {
    const fd = Number(process.env[READY_FD_ENV]);
    if (!Number.isInteger(fd) || fd < 3) return;
    const line: ReadyLine = {
      listening: results.filter((result): result is { address: string; port: number } | string => !(result instanceof Error)),
      errors: results.filter((result): result is Error => result instanceof Error).map((error) => error.message),
      mainAtMs,
    };
    try {
      writeSync(fd, `${JSON.stringify(line)}\n`);
    } catch {
      // emulate went away: nothing to tell.
    }
  });
}

function where(server: import('node:net').Server): { address: string; port: number } | string {
  const address = server.address();
  if (address === null) return 'an unknown address';
  return typeof address === 'string' ? address : { address: address.address, port: address.port };
}
