// Inside the audited process: the calls whose results a memory snapshot clones, each recorded with
// its stack. Randomness (node:crypto, web crypto, Math.random), keys generated, clock reads, reads
// of secret-looking environment variables, and what can stay open: timers, child processes,
// listening servers, open files. A probe that calls another probed function (web crypto's
// getRandomValues behind node:crypto's) records once, at the outer call.
import childProcess from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import { basename } from 'node:path';
import timers from 'node:timers';
import type { Collector } from './collector.js';
import type { ObservationKind } from './protocol.js';
import { isSecretVariable } from '../snapshot/secrets.js';

type AnyFunction = (...args: any[]) => any;
type AnyConstructor = new (...args: unknown[]) => object;

let depth = 0;

/** Keeps a fingerprint of what a draw returned (or filled), for taint.ts. */
type Sampler = (collector: Collector, id: number, result: unknown, args: unknown[]) => void;

/** `fn` recording one observation per call (not while another probe is running). */
function probe<F extends AnyFunction>(collector: Collector, kind: ObservationKind, what: string, fn: F, receiver?: unknown, sample?: Sampler): F {
  const wrapped = function (this: unknown, ...args: unknown[]) {
    const observation = depth === 0 ? collector.record(kind, what, wrapped) : undefined;
    const last = args.length - 1;
    if (observation && sample && typeof args[last] === 'function') {
      // The callback form (randomBytes(n, cb), randomFill(buf, cb)): the value arrives with the callback.
      const callback = args[last] as AnyFunction;
      args[last] = function (this: unknown, error: unknown, value: unknown, ...rest: unknown[]) {
        if (!error) {
          try {
            sample(collector, observation.id, value, args);
          } catch {
            // As below.
          }
        }
        return callback.call(this, error, value, ...rest);
      };
    }
    depth++;
    let result: unknown;
    try {
      result = fn.apply(receiver ?? this, args);
    } finally {
      depth--;
    }
    if (observation && sample) {
      try {
        sample(collector, observation.id, result, args);
      } catch {
        // A fingerprint missed is a value not found again, never a failed init.
      }
    }
    return result;
  };
  Object.defineProperty(wrapped, 'name', { value: fn.name });
  Object.defineProperty(wrapped, 'length', { value: fn.length });
  return wrapped as unknown as F;
}

function replace(target: object, name: string, make: (original: AnyFunction) => AnyFunction): void {
  const original = (target as Record<string, unknown>)[name];
  if (typeof original !== 'function') return;
  const descriptor = Object.getOwnPropertyDescriptor(target, name);
  const value = make(original as AnyFunction);
  if (!descriptor || descriptor.configurable) {
    Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: descriptor?.enumerable ?? true });
  } else if (descriptor.writable) {
    (target as Record<string, unknown>)[name] = value;
  }
  // Neither (node:crypto's getRandomValues on Node 20): it calls web crypto's, which is probed.
}

const bytesOf = (value: unknown): Uint8Array | undefined =>
  ArrayBuffer.isView(value) ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength) : value instanceof ArrayBuffer ? new Uint8Array(value) : undefined;

/** What each random source hands back: bytes returned, bytes filled in place, a UUID's hex, a number. */
const SAMPLERS: Record<string, Sampler> = {
  randomBytes: (collector, id, result, args) => sampleBytes(collector, id, result, args),
  pseudoRandomBytes: (collector, id, result, args) => sampleBytes(collector, id, result, args),
  randomFillSync: (collector, id, result, args) => sampleBytes(collector, id, result, args),
  randomFill: (collector, id, result, args) => sampleBytes(collector, id, result, args),
  getRandomValues: (collector, id, result) => {
    const bytes = bytesOf(result);
    if (bytes) collector.taint.addBytes(id, bytes);
  },
  randomUUID: (collector, id, result) => {
    if (typeof result === 'string') collector.taint.addBytes(id, Buffer.from(result.replace(/-/g, ''), 'hex'));
  },
  randomInt: (collector, id, result) => {
    if (typeof result === 'number') collector.taint.addNumber(id, result);
  },
  random: (collector, id, result) => {
    if (typeof result === 'number') collector.taint.addNumber(id, result);
  },
};

/** The bytes returned, or those filled in place (the first argument). */
function sampleBytes(collector: Collector, id: number, result: unknown, args: unknown[]): void {
  const bytes = bytesOf(result) ?? bytesOf(args[0]);
  if (bytes) collector.taint.addBytes(id, bytes);
}

export function installProbes(collector: Collector): void {
  const record = (kind: ObservationKind, what: string) => (original: AnyFunction) => probe(collector, kind, what, original);
  const drawn = (name: string) => (original: AnyFunction) => probe(collector, 'random', `crypto.${name}`, original, undefined, SAMPLERS[name]);

  // Randomness and keys.
  for (const name of ['randomBytes', 'randomFillSync', 'randomFill', 'randomUUID', 'randomInt', 'getRandomValues', 'pseudoRandomBytes']) {
    replace(crypto, name, drawn(name));
  }
  for (const name of ['generateKeyPair', 'generateKeyPairSync', 'generateKey', 'generateKeySync', 'generatePrime', 'generatePrimeSync', 'createDiffieHellman']) {
    replace(crypto, name, record('key', `crypto.${name}`));
  }
  for (const owner of [crypto.ECDH?.prototype, crypto.DiffieHellman?.prototype, (crypto as { DiffieHellmanGroup?: { prototype: object } }).DiffieHellmanGroup?.prototype]) {
    if (owner) replace(owner, 'generateKeys', record('key', 'crypto.ECDH.generateKeys'));
  }
  const web = globalThis.crypto ?? crypto.webcrypto;
  if (web) {
    for (const name of ['getRandomValues', 'randomUUID']) {
      const original = (web as unknown as Record<string, AnyFunction>)[name];
      if (typeof original === 'function') {
        Object.defineProperty(web, name, { value: probe(collector, 'random', `crypto.${name}`, original, web, SAMPLERS[name]), writable: true, configurable: true });
      }
    }
    const subtle = Object.getPrototypeOf(web.subtle) as object;
    replace(subtle, 'generateKey', record('key', 'crypto.subtle.generateKey'));
  }
  replace(Math, 'random', (original) => probe(collector, 'random', 'Math.random', original, undefined, SAMPLERS.random));

  installClock(collector);
  // Secret-looking variables read: names only, never values. A copy of the whole environment
  // (`{ ...process.env }`, handing it to a child) is not a read of each variable.
  let enumerating = false;
  const env = process.env;
  const envGet = function get(target: NodeJS.ProcessEnv, key: string | symbol, receiver: unknown) {
    if (typeof key === 'string' && !enumerating && depth === 0 && isSecretVariable(key, Reflect.get(target, key, receiver))) collector.record('credential', key, envGet);
    return Reflect.get(target, key, receiver);
  };
  process.env = new Proxy(env, {
    get: envGet,
    ownKeys(target) {
      if (!enumerating) {
        enumerating = true;
        queueMicrotask(() => (enumerating = false));
      }
      return Reflect.ownKeys(target);
    },
  });
  installHeld(collector);
}

/**
 * Clock reads, each with the epoch time it gave (clock-print.ts finds it again in what init
 * keeps): Date.now, new Date(), Date(), performance.now (as timeOrigin + now), process.hrtime
 * and hrtime.bigint (recorded; their time has no epoch to find), Temporal.Now when there is one.
 */
function installClock(collector: Collector): void {
  const realNow = Date.now;
  const epoch: Sampler = (c, id, result) => {
    if (typeof result === 'number') c.taint.clock.add(id, result);
  };
  const atCall: Sampler = (c, id) => c.taint.clock.add(id, realNow());
  // While the audit reads the kept values (their getters, toJSON), the clock stands at 0: a value
  // a getter computes from "now" is not a time init kept.
  const frozen = () => !collector.active && collector.clockStopped;
  replace(Date, 'now', (original) =>
    probe(
      collector,
      'clock',
      'Date.now',
      function now() {
        return frozen() ? 0 : original();
      },
      undefined,
      epoch,
    ),
  );
  if (typeof performance !== 'undefined') {
    const realPerformanceNow = performance.now.bind(performance);
    const now = function now() {
      return frozen() ? 0 : realPerformanceNow();
    };
    const origin = performance.timeOrigin;
    const sinceOrigin: Sampler = (c, id, result) => {
      if (typeof result === 'number') c.taint.clock.add(id, origin + result);
    };
    Object.defineProperty(performance, 'now', { value: probe(collector, 'clock', 'performance.now', now, performance, sinceOrigin), writable: true, configurable: true });
  }
  const hrtime = process.hrtime;
  const bigint = hrtime.bigint;
  const probedHrtime = probe(collector, 'clock', 'process.hrtime', hrtime, process) as typeof process.hrtime;
  probedHrtime.bigint = probe(collector, 'clock', 'process.hrtime.bigint', bigint, process);
  process.hrtime = probedHrtime;
  const temporalNow = (globalThis as { Temporal?: { Now?: Record<string, unknown> } }).Temporal?.Now;
  if (temporalNow) {
    for (const name of Object.keys(temporalNow)) {
      replace(temporalNow, name, (original) => probe(collector, 'clock', `Temporal.Now.${name}`, original, temporalNow, atCall));
    }
  }
  const RealDate = Date;
  // The traps are named functions: a stack captured above them starts at the caller's line.
  const construct = (target: DateConstructor, args: unknown[], newTarget: object): object => {
    const observation = args.length === 0 && depth === 0 ? collector.record('clock', 'new Date()', construct) : undefined;
    const made = Reflect.construct(
      target as unknown as AnyConstructor,
      frozen() && args.length === 0 ? [0] : args,
      (newTarget === DateProxy ? target : newTarget) as AnyConstructor,
    );
    if (observation) {
      collector.taint.clock.add(observation.id, (made as Date).getTime());
      collector.taint.clock.made(observation.id, made as Date);
    }
    return made;
  };
  const apply = (target: DateConstructor, thisArg: unknown, args: unknown[]): unknown => {
    const observation = depth === 0 ? collector.record('clock', 'Date()', apply) : undefined;
    if (observation) collector.taint.clock.add(observation.id, realNow());
    return frozen() ? new RealDate(0).toString() : Reflect.apply(target, thisArg, args);
  };
  const DateProxy: DateConstructor = new Proxy(RealDate, { construct, apply });
  globalThis.Date = DateProxy;
}

/** Timers, child processes, servers and files: recorded, and asked at the snapshot point whether they are still open. */
function installHeld(collector: Collector): void {
  for (const [name, repeat] of [
    ['setTimeout', false],
    ['setInterval', true],
  ] as const) {
    const original = globalThis[name] as AnyFunction;
    const wrapper = function (this: unknown, callback: unknown, delay?: number, ...rest: unknown[]) {
      const timer = original.call(this, callback, delay, ...rest) as NodeJS.Timeout & { _destroyed?: boolean };
      if (typeof callback === 'function') {
        const description = repeat ? `every ${Number(delay) || 1} ms` : `after ${Number(delay) || 1} ms`;
        collector.hold('timer', name, wrapper, description, () => !timer._destroyed);
      }
      return timer;
    };
    // util.promisify(setTimeout) keeps working.
    Object.defineProperties(wrapper, Object.getOwnPropertyDescriptors(original));
    (globalThis as Record<string, unknown>)[name] = wrapper;
    (timers as Record<string, unknown>)[name] = wrapper;
  }

  // Every asynchronous child (spawn, exec, execFile, fork) is started by ChildProcess#spawn.
  const prototype = childProcess.ChildProcess.prototype as unknown as { spawn: (this: childProcess.ChildProcess, options: { file?: string }) => unknown };
  const spawn = prototype.spawn;
  prototype.spawn = function auditedSpawn(this: childProcess.ChildProcess, options: { file?: string }) {
    const result = spawn.call(this, options);
    const observation = collector.hold('child', 'spawn', auditedSpawn, basename(String(options?.file ?? '?')), () => this.exitCode === null && this.signalCode === null);
    if (observation && this.pid !== undefined) observation.pid = this.pid;
    return result;
  };
  for (const name of ['spawnSync', 'execSync', 'execFileSync']) replace(childProcess, name, (original) => probe(collector, 'child', `child_process.${name}`, original));

  const listen = net.Server.prototype.listen;
  net.Server.prototype.listen = function auditedListen(this: net.Server, ...args: unknown[]) {
    collector.hold('server', 'listen', auditedListen, undefined, () => this.listening);
    return (listen as AnyFunction).apply(this, args);
  } as typeof listen;

  // Files opened and not closed: by descriptor (fs.open, fs.openSync, streams) and FileHandle.
  const open = new Set<number>();
  const openSync = fs.openSync;
  fs.openSync = function auditedOpenSync(...args: Parameters<typeof fs.openSync>) {
    const fd = openSync(...args);
    open.add(fd);
    collector.hold('file', 'fs.openSync', auditedOpenSync, String(args[0]), () => open.has(fd));
    return fd;
  } as typeof fs.openSync;
  const openAsync = fs.open;
  fs.open = function auditedOpen(this: unknown, ...args: unknown[]) {
    const callback = args.pop() as (error: Error | null, fd?: number) => void;
    let fd = -1;
    collector.hold('file', 'fs.open', auditedOpen, String(args[0]), () => open.has(fd));
    return (openAsync as AnyFunction).call(this, ...args, (error: Error | null, opened?: number) => {
      if (opened !== undefined) open.add((fd = opened));
      callback(error, opened);
    });
  } as typeof fs.open;
  for (const name of ['close', 'closeSync'] as const) {
    const close = fs[name] as AnyFunction;
    (fs as unknown as Record<string, AnyFunction>)[name] = function (this: unknown, fd: number, ...rest: unknown[]) {
      open.delete(fd);
      return close.call(this, fd, ...rest);
    };
  }
  const promisesOpen = fs.promises.open;
  fs.promises.open = async function auditedPromisesOpen(...args: Parameters<typeof fs.promises.open>) {
    let handle: fs.promises.FileHandle | undefined;
    collector.hold('file', 'fs.promises.open', auditedPromisesOpen, String(args[0]), () => handle !== undefined && handle.fd !== -1);
    handle = await promisesOpen(...args);
    return handle;
  } as typeof fs.promises.open;
}
