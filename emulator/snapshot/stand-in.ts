// Stand-ins for the built-ins Node cannot hold in a startup snapshot (node:http, https, http2,
// tls: builtins.ts says why). Runs inside the snapshot build and every process started from it.
//
// Constructing an agent or an AWS SDK client at init is not using a socket, so the stand-in
// module lets init do it without loading the real module: a class constructed while the
// snapshot is built gives an object that records its arguments and becomes a real instance the
// first time it is used after the restore. Plain data (STATUS_CODES, http2.constants) is copied
// in. Anything else used during the build (a request, a server, a function call) is a real use:
// the real module must load, which makes the snapshot impossible, so the use is reported with
// its stack and the build stops (emulate then runs plain processes). Outside the build every
// stand-in is the real thing: classes construct real instances, functions call the real ones.
import v8 from 'node:v8';
import { deferredServer, deferringServers, type ServerShape } from './deferred-server.js';

/** What the emulate entry installs on globalThis under this key to hear of a real use in the build. */
export const REAL_USE_KEY = 'snapshot-restore.emulate.real-use';

export interface RealUse {
  module: string;
  property: string;
  /** The stack at the use, innermost first, as `file:line:column` sites. */
  stack: string[];
}

export interface ModuleShape {
  classes: string[];
  functions: string[];
  /** Objects that are not plain data (http.globalAgent): a deferred object until the restore. */
  objects: string[];
  data: Record<string, unknown>;
  /**
   * For a class: every property name an instance made without arguments has (its own and its
   * prototypes'), observed outside the build. A deferred instance answers undefined for any other
   * name without becoming real, as the real instance would: feature probes like
   * `new Response(null, { cf }).cf` stay out of the real module.
   */
  instanceKeys?: Record<string, string[]>;
  /** For a class: its static members (Response.json): read from the real class, which they load. */
  staticKeys?: Record<string, string[]>;
  /**
   * For a class: its own static settings that are plain data (`http.Agent.defaultMaxSockets`,
   * Infinity, which the Agent constructor reads and needle compares at load): answered without
   * loading the real module; what init sets is set on the real class when it loads.
   */
  staticData?: Record<string, Record<string, unknown>>;
  /**
   * For an object export: its own settings that are plain data (http.globalAgent's keepAlive,
   * maxSockets, options: what Node's lib/_http_agent.js constructor set), observed outside the
   * build and answered in it without loading the real module.
   */
  objectData?: Record<string, Record<string, unknown>>;
  /** Server factories and classes (createServer, Server): in the build they make deferred servers (deferred-server.ts). */
  servers?: Record<string, ServerShape>;
}

// Reading these on a deferred object is not a use: promise resolution, inspection, coercion.
const HARMLESS = new Set<PropertyKey>([
  'then',
  'constructor',
  'toJSON',
  Symbol.toPrimitive,
  Symbol.toStringTag,
  Symbol.iterator,
  Symbol.asyncIterator,
  Symbol.for('nodejs.util.inspect.custom'),
]);

const building = (): boolean => v8.startupSnapshot.isBuildingSnapshot();

/** The stack of the caller of `skip`, as sites, innermost first (also entry.ts's, for process.exit at init). */
export function stackOf(skip: Function): string[] {
  const holder: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 60;
  Error.captureStackTrace(holder, skip);
  Error.stackTraceLimit = limit;
  return (holder.stack ?? '')
    .split('\n')
    .slice(1)
    .map((frame) => /\(?((?:file:\/\/)?[^\s()]+:\d+:\d+)\)?\s*$/.exec(frame)?.[1])
    .filter((site): site is string => site !== undefined);
}

// A stand-in module's own loader, kept off its enumerable exports.
const LOAD = Symbol('snapshot-restore.emulate.load');

/** The real module behind a stand-in module, loaded now (outside the build), with its stand-in classes linked to it. */
export function loadReal(exports: Record<string, unknown>): Record<string, any> {
  return (exports[LOAD as unknown as string] as () => Record<string, any>)();
}

/** `label` names the module in reports (`node:http`). */
export function standInModule(label: string, load: () => Record<string, any>, shape: ModuleShape): Record<string, unknown> {
  let real: Record<string, any> | undefined;
  const classes = new Map<string, Function>();
  // Assignments to non-data exports made before the real module was loaded (http.globalAgent = ...).
  const pending = new Map<string, unknown>();
  // Static settings of a class set before the real module was loaded (http.Agent.defaultMaxSockets = 50).
  const pendingStatics: Array<[string, string, unknown]> = [];

  /** The real module; in the build, a real use: reported, and the build ends. */
  function realModule(property: string, skip: Function): Record<string, any> {
    if (real) return real;
    if (building()) {
      const use: RealUse = { module: label, property, stack: stackOf(skip) };
      const hear = (globalThis as Record<symbol, ((use: RealUse) => void) | undefined>)[Symbol.for(REAL_USE_KEY)];
      hear?.(use);
    }
    real = load();
    // Instances made from a stand-in class since are real instances: link the prototypes.
    for (const [key, standIn] of classes) {
      if (typeof real[key] !== 'function') continue;
      Object.setPrototypeOf(standIn.prototype, real[key].prototype);
      Object.setPrototypeOf(standIn, real[key]);
    }
    for (const [key, value] of pending) real[key] = value;
    pending.clear();
    for (const [key, name, value] of pendingStatics) real[key][name] = value;
    pendingStatics.length = 0;
    return real;
  }

  const exports: Record<string, unknown> = { ...shape.data };
  Object.defineProperty(exports, LOAD, {
    value: function load() {
      return realModule('*', load);
    },
  });
  for (const key of shape.classes) {
    const known = shape.instanceKeys?.[key];
    const standIn = standInClass(
      key,
      (skip) => realModule(key, skip)[key],
      () => real !== undefined,
      known ? new Set(known) : undefined,
      shape.servers?.[key] && { label: `${label} new ${key}`, shape: shape.servers[key] },
    );
    for (const name of shape.staticKeys?.[key] ?? []) {
      Object.defineProperty(standIn, name, {
        configurable: true,
        get: function getStatic() {
          const value = realModule(key, getStatic)[key][name];
          return typeof value === 'function' ? value.bind(real?.[key]) : value;
        },
      });
    }
    for (const [name, value] of Object.entries(shape.staticData?.[key] ?? {})) {
      let current = value;
      Object.defineProperty(standIn, name, {
        configurable: true,
        enumerable: true,
        get: () => (real ? real[key][name] : current),
        set: (next: unknown) => {
          if (real) real[key][name] = next;
          else pendingStatics.push([key, name, (current = next)]);
        },
      });
    }
    classes.set(key, standIn);
    exports[key] = standIn;
  }
  for (const key of shape.functions) {
    const server = shape.servers?.[key];
    const standIn = {
      [key](this: unknown, ...args: unknown[]) {
        if (server && !real && deferringServers()) {
          const proto = (server.className && classes.get(server.className)?.prototype) || Object.prototype;
          return deferredServer(`${label} ${key}`, () => realModule(key, standIn)[key].apply(this, args), proto, server, stackOf(standIn));
        }
        return realModule(key, standIn)[key].apply(this, args);
      },
    }[key];
    exports[key] = standIn;
  }
  for (const key of shape.objects) {
    const deferred = deferredObject(`${label}.${key}`, (skip) => realModule(key, skip)[key], Object.prototype, [], undefined, shape.objectData?.[key]);
    Object.defineProperty(exports, key, {
      enumerable: true,
      configurable: true,
      get: () => (real ? real[key] : pending.has(key) ? pending.get(key) : deferred),
      set: (value) => {
        if (real) real[key] = value;
        else pending.set(key, value);
      },
    });
  }
  return exports;
}

/**
 * A class standing for the built-in `key`: outside the build it constructs the real class (with
 * the subclass's prototype, so `class A extends http.Agent` works); in the build, a deferred
 * instance. `instanceof` also holds for instances the real module made itself.
 */
function standInClass(
  key: string,
  realClass: (skip: Function) => any,
  loaded: () => boolean,
  instanceKeys?: ReadonlySet<string>,
  server?: { label: string; shape: ServerShape },
): Function {
  const standIn = {
    [key]: class {
      constructor(...args: unknown[]) {
        if (!building() || loaded()) return Reflect.construct(realClass(standIn), args, new.target);
        const target = new.target;
        if (server && deferringServers())
          return deferredServer(server.label, () => Reflect.construct(realClass(standIn), args, target), target.prototype, server.shape, stackOf(standIn));
        return deferredObject(
          `${key} instance`,
          (skip) => {
            const made = Reflect.construct(realClass(skip), args, target);
            return made;
          },
          target.prototype,
          args,
          // A subclass's instances have names of their own: only the class itself is known.
          target === standIn ? instanceKeys : undefined,
        );
      }
      static [Symbol.hasInstance](value: unknown): boolean {
        if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
        return this === standIn && loaded() && value instanceof Object.getPrototypeOf(standIn);
      }
    },
  }[key];
  return standIn;
}

/**
 * An object made in the build that becomes the real one on first use after the restore. It
 * holds its constructor's arguments (readable as `options`, what agents keep) and whatever was
 * set on it (a subclass's fields), which are copied onto the real object. In the build,
 * `destroy()` of an object never used is a no-op, and any other use is a real use.
 */
function deferredObject(
  label: string,
  make: (skip: Function) => any,
  proto: object,
  args: unknown[] = [],
  instanceKeys?: ReadonlySet<string>,
  known?: Record<string, unknown>,
): object {
  const own = Object.create(proto) as Record<PropertyKey, unknown>;
  let real: Record<PropertyKey, any> | undefined;
  const bound = new Map<Function, Function>();
  const materialize = (skip: Function): Record<PropertyKey, any> => {
    if (real) return real;
    real = make(skip) as Record<PropertyKey, any>;
    for (const key of Reflect.ownKeys(own)) real[key as string] = own[key as string];
    return real;
  };
  // In the build: answers that need no real object, or undefined to make one (a real use).
  const inBuild = (key: PropertyKey): { value: unknown } | undefined => {
    if (Object.hasOwn(own, key)) return { value: own[key as string] };
    if (known && Object.hasOwn(known, key)) return { value: known[key as string] };
    if (key === 'options') return { value: args[0] };
    if (key === 'destroy') return { value: function destroy() {} };
    if (HARMLESS.has(key)) return { value: Reflect.get(proto, key) };
    if (instanceKeys && typeof key === 'string' && !instanceKeys.has(key)) return { value: undefined };
    return undefined;
  };
  const handler: ProxyHandler<Record<PropertyKey, unknown>> = {
    get(_, key) {
      if (!real && building()) {
        const answer = inBuild(key);
        if (answer) return answer.value;
      }
      const target = materialize(handler.get as Function);
      const value = Reflect.get(target, key, target);
      if (typeof value !== 'function' || key === 'constructor') return value;
      // Methods run on the real object (its internals, private fields, listeners are its own).
      let fn = bound.get(value);
      if (!fn) bound.set(value, (fn = value.bind(target)));
      return fn;
    },
    set(_, key, value) {
      if (!real && building()) {
        own[key as string] = value;
        return true;
      }
      return Reflect.set(materialize(handler.set as Function), key, value);
    },
    has(_, key) {
      if (!real && building() && (Object.hasOwn(own, key) || key === 'options' || (known && Object.hasOwn(known, key)))) return true;
      if (!real && building() && instanceKeys && typeof key === 'string' && !instanceKeys.has(key)) return false;
      return Reflect.has(materialize(handler.has as Function), key);
    },
    getPrototypeOf() {
      return real ? Object.getPrototypeOf(real) : proto;
    },
    ownKeys() {
      return real ? Reflect.ownKeys(real) : Reflect.ownKeys(own);
    },
    getOwnPropertyDescriptor(_, key) {
      if (!real && building()) return Reflect.getOwnPropertyDescriptor(own, key);
      const descriptor = Reflect.getOwnPropertyDescriptor(materialize(handler.getOwnPropertyDescriptor as Function), key);
      // A proxy may not report a non-configurable property its target lacks.
      return descriptor ? { ...descriptor, configurable: true } : undefined;
    },
    defineProperty(_, key, descriptor) {
      if (!real && building()) return Reflect.defineProperty(own, key, descriptor);
      return Reflect.defineProperty(materialize(handler.defineProperty as Function), key, descriptor);
    },
    deleteProperty(_, key) {
      if (!real && building()) return Reflect.deleteProperty(own, key);
      return Reflect.deleteProperty(materialize(handler.deleteProperty as Function), key);
    },
  };
  Object.defineProperty(make, 'name', { value: label });
  return new Proxy(own, handler);
}
