// Finding what init left open. A V8 startup snapshot is taken when the event loop is empty, so a
// referenced handle (a listening server, a socket, an interval) makes the build wait forever, and
// an unreferenced server or socket makes it crash. Node lists only referenced resources, by type
// (`process.getActiveResourcesInfo()`), so while init runs we also note every timer, server and
// socket created, with where it was created, to name them. Runs inside the build process.
import childProcess from 'node:child_process';
import net from 'node:net';
import timers from 'node:timers';
import type { OpenHandle } from './protocol.js';

interface TrackedTimer {
  timer: NodeJS.Timeout;
  delay: number;
  repeat: boolean;
  callback: string;
  stack: string[];
}

// Captured before startTracking() wraps it: our own pauses are not the user's timers.
const originalSetTimeout = globalThis.setTimeout;

const tracked = {
  timers: new Set<TrackedTimer>(),
  servers: new Map<net.Server, string[]>(),
  sockets: new Map<net.Socket, string[]>(),
  children: new Map<childProcess.ChildProcess, { file: string; stack: string[] }>(),
  active: false,
};

/** The stack of the caller of `skip` as `file:line:column` sites, innermost first (the emulate command picks the user's own line). */
function siteOf(skip: (...args: never[]) => unknown): string[] {
  const holder: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 30;
  Error.captureStackTrace(holder, skip);
  Error.stackTraceLimit = limit;
  return (holder.stack ?? '')
    .split('\n')
    .slice(1)
    .map((frame) => /\(?([^\s()]+:\d+:\d+)\)?\s*$/.exec(frame)?.[1])
    .filter((site): site is string => site !== undefined);
}

const handle = (kind: string, description: string, stack: string[]): OpenHandle => ({ kind, description, site: stack[0] ?? '<unknown>', stack });

/** Starts noting timers, servers and sockets. Call before init; `stopTracking()` before the snapshot. */
export function startTracking(): void {
  if (tracked.active) return;
  tracked.active = true;
  for (const [name, repeat] of [
    ['setTimeout', false],
    ['setInterval', true],
  ] as const) {
    const original = globalThis[name] as (...args: any[]) => NodeJS.Timeout;
    const wrapper = function (this: unknown, callback: unknown, delay?: number, ...rest: unknown[]) {
      const timer = original.call(this, callback, delay, ...rest);
      if (tracked.active && typeof callback === 'function') {
        tracked.timers.add({ timer, delay: Number(delay) || 1, repeat, callback: callback.name || '<anonymous>', stack: siteOf(wrapper) });
      }
      return timer;
    };
    // Keep util.promisify(setTimeout) and friends working.
    Object.defineProperties(wrapper, Object.getOwnPropertyDescriptors(original));
    (globalThis as Record<string, unknown>)[name] = wrapper;
    (timers as Record<string, unknown>)[name] = wrapper;
  }
  const listen = net.Server.prototype.listen;
  net.Server.prototype.listen = function (this: net.Server, ...args: unknown[]) {
    if (tracked.active) tracked.servers.set(this, siteOf(net.Server.prototype.listen));
    return (listen as (...a: unknown[]) => net.Server).apply(this, args);
  } as typeof listen;
  // Every asynchronous child (spawn, exec, execFile, fork) starts in ChildProcess#spawn. A child
  // keeps running whatever init does with it (unref(), detached): it is named, and emulate ends it.
  const prototype = childProcess.ChildProcess.prototype as unknown as { spawn: (this: childProcess.ChildProcess, options: { file?: string }) => unknown };
  const spawn = prototype.spawn;
  prototype.spawn = function trackedSpawn(this: childProcess.ChildProcess, options: { file?: string }) {
    const result = spawn.call(this, options);
    if (tracked.active)
      tracked.children.set(this, {
        file:
          String(options?.file ?? '?')
            .split(/[\\/]/)
            .pop() ?? '?',
        stack: siteOf(trackedSpawn),
      });
    return result;
  };
  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    if (tracked.active) tracked.sockets.set(this, siteOf(net.Socket.prototype.connect));
    return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof connect;
}

/** Stops noting and forgets what was noted (nothing of it should end up in the snapshot). */
export function stopTracking(): void {
  tracked.active = false;
  tracked.timers.clear();
  tracked.servers.clear();
  tracked.sockets.clear();
  tracked.children.clear();
}

/** The handles open right now that would keep a snapshot from being taken. */
export function openHandlesNow(): OpenHandle[] {
  const found: OpenHandle[] = [];
  let servers = 0;
  let sockets = 0;
  let timerCount = 0;
  for (const [server, stack] of tracked.servers) {
    if (!server.listening) continue;
    servers++;
    const address = server.address();
    const where = typeof address === 'string' ? address : address ? `${address.address}:${address.port}` : 'an unknown address';
    found.push(handle('server', `a server listening on ${where}${server.listening && !hasRef(server) ? ' (unref()ed, which still breaks a snapshot)' : ''}`, stack));
  }
  let closing = 0;
  for (const [socket, stack] of tracked.sockets) {
    if (socket.destroyed) {
      // Destroyed, its handle not yet closed: it goes by itself, and must not be counted as open.
      closing++;
      continue;
    }
    sockets++;
    const to = socket.remoteAddress ? `${socket.remoteAddress}:${socket.remotePort}` : 'a peer still connecting';
    found.push(handle('socket', `an open socket to ${to}`, stack));
  }
  for (const entry of tracked.timers) {
    const timer = entry.timer as NodeJS.Timeout & { _destroyed?: boolean };
    if (timer._destroyed || !timer.hasRef()) continue; // unref()ed timers do not hold the build
    timerCount++;
    const description = entry.repeat ? `an interval every ${entry.delay} ms (${entry.callback})` : `a timeout of ${entry.delay} ms not yet fired (${entry.callback})`;
    found.push(handle('timer', description, entry.stack));
  }
  let children = 0;
  for (const [child, { file, stack }] of tracked.children) {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) continue;
    children++;
    found.push({ ...handle('child', `a child process (${file}, pid ${child.pid}) still running`, stack), pid: child.pid });
  }
  // Whatever Node still counts beyond what we could name (child processes, watchers, file
  // operations in flight): reported by type. The process's own stdio pipes do not count.
  const counted: Record<string, number> = { TCPServerWrap: servers, TCPSocketWrap: sockets + closing, Timeout: timerCount, PipeWrap: 3, TTYWrap: 3, ProcessWrap: children };
  for (const type of process.getActiveResourcesInfo()) {
    if ((counted[type] ?? 0) > 0) {
      counted[type]--;
      continue;
    }
    found.push({ kind: type, description: `a ${type} resource (${describeType(type)})` });
  }
  return found;
}

// Node's process.getActiveResourcesInfo() lists the requests in flight (libuv requests, one each),
// then the handles, then timers and immediates, each by the name its C++ class reports
// (src/node_process_methods.cc). The request classes are the ReqWrap ones: the file system's
// FSReq*, dns's *ReqWrap, a stream's SimpleWriteWrap and SimpleShutdownWrap, a socket's
// ConnectWrap, UDP's SendWrap, and a FileHandle's CloseReq. No handle class is named so.
const REQUEST = /Req|^(?:SimpleWrite|SimpleShutdown|Connect|Send)Wrap$/;

/** How many requests are in flight (a file read, a DNS lookup, a connect): each ends by itself. */
export function requestsInFlight(): number {
  return process.getActiveResourcesInfo().filter((type) => REQUEST.test(type)).length;
}

function hasRef(handle: object): boolean {
  const check = (handle as { hasRef?: () => boolean }).hasRef;
  return typeof check === 'function' ? check.call(handle) : true;
}

function describeType(type: string): string {
  if (type === 'Timeout') return 'a timer armed by code that kept its own reference to setTimeout';
  if (type === 'TCPServerWrap' || type === 'TCPSocketWrap') return 'a TCP server or socket';
  if (type === 'ProcessWrap') return 'a child process';
  if (type === 'FSEventWrap' || type === 'StatWatcher') return 'a file watcher';
  if (type === 'UDPWrap') return 'a UDP socket';
  if (type.startsWith('FSReq')) return 'a file operation still running';
  if (type === 'Immediate') return 'a setImmediate callback';
  return 'see process.getActiveResourcesInfo()';
}

/**
 * Waits up to `graceMs` for handles to close (a socket ended in a hook needs a few turns of the
 * event loop to close), and returns what is still open then.
 */
export async function waitForOpenHandles(graceMs: number): Promise<OpenHandle[]> {
  const deadline = Date.now() + graceMs;
  for (;;) {
    // Our own pause must not count: check after the timer has fired, when it is no longer active.
    await new Promise((resolve) => setImmediate(resolve));
    const open = openHandlesNow();
    if (open.length === 0 || Date.now() >= deadline) return open;
    await new Promise((resolve) => originalSetTimeout(resolve, 10));
  }
}
