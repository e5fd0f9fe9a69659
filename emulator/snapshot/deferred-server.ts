// Servers made while a snapshot is built, for `emulate --platform`. A web app starts its server
// at init (app.listen(), serve(), createServer().listen()), and a V8 startup snapshot can hold
// neither node:http (builtins.ts) nor an open handle. So in the build, node:http's and
// node:https's server factories (and `new http.Server()`) give a deferred server: an object that
// records what init does with it (listeners, settings, listen()) without binding anything, and
// that answers what an unbound server answers (`listening` false, `address()` null, its default
// settings). After the restore, `replayServers()` makes each real server and replays the record
// in order, so the app listens where init asked, from the snapshot's heap. This is what a
// Firecracker snapshot gives the platforms for free: the listening socket survives the restore.
import net from 'node:net';
import v8 from 'node:v8';

/** What a server factory's (or class's) argument-less server is, observed outside the build. */
export interface ServerShape {
  /** Its own settings that are plain values (timeout, keepAliveTimeout, requestTimeout, ...). */
  defaults: Record<string, string | number | boolean | null>;
  /** Every method name it has, own and inherited (listen, on, once, setTimeout, close, ...). */
  methods: string[];
  /** The module's export that is its class (`Server`), whose stand-in's prototype it gets. */
  className?: string;
}

/** One server made in the build, as emulate reports it. */
export interface DeferredServerInfo {
  /** `node:http createServer`. */
  made: string;
  /** The stack where it was made, innermost first. */
  stack: string[];
  /** The app's own line that made it (set by emulate from `stack`). */
  site?: string;
  /** Each `listen(...)` init called, its arguments as text (functions named). */
  listens: string[];
}

interface Entry {
  info: DeferredServerInfo;
  materialize: (listenArgs?: (args: unknown[]) => unknown[]) => object;
  /** Init waits for this server's `listening` (a listen() callback, a 'listening' listener): it comes only after the restore. */
  awaited: () => boolean;
}

const KEY = Symbol.for('snapshot-restore.emulate.deferred-servers');

/**
 * Only `emulate --platform` replays servers after the restore: for a function, a server made at
 * init stays a real use of node:http (the build stops and says where), as before.
 */
export function deferServers(): void {
  entries();
}

/** Whether servers made now are deferred: in a build whose entry asked for it. */
export function deferringServers(): boolean {
  return v8.startupSnapshot.isBuildingSnapshot() && Object.hasOwn(globalThis, KEY);
}

function entries(): Entry[] {
  const store = globalThis as { [KEY]?: Entry[] };
  return (store[KEY] ??= []);
}

/** The servers init made in the build (empty outside one). */
export function deferredServers(): DeferredServerInfo[] {
  return entries().map((entry) => entry.info);
}

/** Whether init waits for a deferred server's `listening` (`await fastify.listen()`, `serve(options, onListening)`). */
export function listeningAwaited(): boolean {
  return entries().some((entry) => entry.awaited());
}

/** After the restore: every deferred server becomes real, its record replayed (listen() binds now, with its arguments as `listenArgs` gives them). */
export function replayServers(listenArgs: (args: unknown[]) => unknown[] = (args) => args): net.Server[] {
  return entries().map((entry) => entry.materialize(listenArgs) as net.Server);
}

/**
 * Server factories and server classes of a module, found by making one without arguments (that
 * binds nothing) and asking whether it is a net.Server (a class, before it is made). Runs outside
 * the build.
 */
export function observeServers(real: Record<string, unknown>): Record<string, ServerShape> {
  const found: Record<string, ServerShape> = {};
  for (const key of Object.keys(real)) {
    const value = real[key];
    if (typeof value !== 'function' || !/Server$/.test(key)) continue;
    // A class is made only when it is a net.Server: node:repl's REPLServer, made without
    // arguments, starts a REPL on this process's stdin and stdout (its `> ` prompt in a --json report).
    if (/^[A-Z]/.test(key) && !(value.prototype instanceof net.Server)) continue;
    let made: unknown;
    try {
      made = /^[A-Z]/.test(key) ? Reflect.construct(value, []) : (value as () => unknown)();
    } catch {
      continue; // needs arguments (certificates): not deferred, its use stays a real use
    }
    if (!(made instanceof net.Server)) continue;
    const defaults: ServerShape['defaults'] = {};
    for (const [name, setting] of Object.entries(made)) {
      if (setting === null || ['string', 'number', 'boolean'].includes(typeof setting)) defaults[name] = setting as string | number | boolean | null;
    }
    const methods = new Set<string>();
    for (let proto = Object.getPrototypeOf(made); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
      for (const name of Object.getOwnPropertyNames(proto)) {
        if (name !== 'constructor' && typeof Object.getOwnPropertyDescriptor(proto, name)?.value === 'function') methods.add(name);
      }
    }
    const className = Object.keys(real).find((name) => real[name] === (made as object).constructor);
    found[key] = { defaults, methods: [...methods], ...(className ? { className } : {}) };
  }
  return found;
}

const ADDS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
const REMOVES = new Set(['off', 'removeListener', 'removeAllListeners']);

// Answered from the record in the build: what an unbound server answers.
const UNBOUND: Record<string, unknown> = { listening: false };

/**
 * A server made in the build (`made` makes the real one after the restore). Method calls are
 * recorded and return the server (they chain, as listen() and on() do); `address()` is null.
 */
export function deferredServer(label: string, made: () => object, proto: object, shape: ServerShape, stack: string[]): object {
  const own = Object.create(proto) as Record<PropertyKey, unknown>;
  const calls: Array<{ method: string; args: unknown[] }> = [];
  const info: DeferredServerInfo = { made: label, stack, listens: [] };
  const methods = new Set(shape.methods);
  let real: Record<PropertyKey, any> | undefined;
  const materialize = (listenArgs: (args: unknown[]) => unknown[] = (args) => args): Record<PropertyKey, any> => {
    if (real) return real;
    real = made() as Record<PropertyKey, any>;
    for (const key of Reflect.ownKeys(own)) real[key as string] = own[key as string];
    for (const { method, args } of calls) {
      const replayed = args.map((arg) => (arg === proxy ? real : arg));
      real[method](...(method === 'listen' ? listenArgs(replayed) : replayed));
    }
    calls.length = 0;
    waiting.clear();
    return real;
  };
  // The `listening` listeners init left (a listen() callback is one): counted as they are added
  // and removed, so that the build's idle check reads a number instead of going over the record.
  const waiting = new Set<unknown>();
  const recorder = (method: string) =>
    function recorded(...args: unknown[]): unknown {
      if (method === 'address') return null;
      if (method === 'listen') {
        info.listens.push(args.map(describe).join(', '));
        for (const arg of args) if (typeof arg === 'function') waiting.add(arg);
      } else if (args[0] === 'listening' || (method === 'removeAllListeners' && args.length === 0)) {
        if (ADDS.has(method) && typeof args[1] === 'function') waiting.add(args[1]);
        else if (REMOVES.has(method) && args.length > 1) waiting.delete(args[1]);
        else if (REMOVES.has(method)) waiting.clear();
      }
      calls.push({ method, args });
      return proxy;
    };
  const inBuild = (): boolean => !real && v8.startupSnapshot.isBuildingSnapshot();
  const proxy: object = new Proxy(own, {
    get(_, key) {
      if (inBuild()) {
        if (Object.hasOwn(own, key)) return own[key as string];
        if (typeof key === 'string' && methods.has(key)) return recorder(key);
        if (typeof key === 'string' && Object.hasOwn(UNBOUND, key)) return UNBOUND[key];
        if (typeof key === 'string' && Object.hasOwn(shape.defaults, key)) return shape.defaults[key];
        return Reflect.get(proto, key);
      }
      const target = materialize();
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' && key !== 'constructor' ? value.bind(target) : value;
    },
    set(_, key, value) {
      if (inBuild()) own[key as string] = value;
      else materialize()[key as string] = value;
      return true;
    },
    has(_, key) {
      if (inBuild()) return Object.hasOwn(own, key) || (typeof key === 'string' && (methods.has(key) || Object.hasOwn(shape.defaults, key))) || key in proto;
      return Reflect.has(materialize(), key);
    },
    getPrototypeOf() {
      return real ? Object.getPrototypeOf(real) : proto;
    },
    ownKeys() {
      return real ? Reflect.ownKeys(real) : Reflect.ownKeys(own);
    },
    getOwnPropertyDescriptor(_, key) {
      const descriptor = Reflect.getOwnPropertyDescriptor(real ?? own, key);
      return descriptor ? { ...descriptor, configurable: true } : undefined;
    },
    defineProperty(_, key, descriptor) {
      return Reflect.defineProperty(real ?? own, key, descriptor);
    },
    deleteProperty(_, key) {
      return Reflect.deleteProperty(real ?? own, key);
    },
  });
  entries().push({ info, materialize, awaited: () => waiting.size > 0 });
  return proxy;
}

function describe(arg: unknown): string {
  if (typeof arg === 'function') return arg.name ? `[function ${arg.name}]` : '[function]';
  if (typeof arg === 'string') return JSON.stringify(arg);
  if (typeof arg === 'object' && arg !== null) {
    try {
      return JSON.stringify(arg);
    } catch {
      return '[object]';
    }
  }
  return String(arg);
}
