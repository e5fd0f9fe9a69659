// Node's fetch and the web classes around it (Response, Request, Headers, FormData, WebSocket,
// EventSource, ...) are globals backed by Node's bundled undici, loaded on first read. Loading
// undici loads node:http, node:tls and node:http2 with it (builtins.ts: none of them can be in a
// startup snapshot), and on Node 20 it also starts compiling its llhttp WebAssembly, which the
// snapshot builder does not have ("WebAssembly is not defined"). Libraries read these globals at
// init without using the network: pg asks `new Response(null, { cf })` whether it runs on
// Cloudflare Workers when `navigator` is missing (Node 20). So the function's code sees a
// stand-in (stand-in.ts) for each of them, like node:http's exports.
import { loadReal, type ModuleShape, standInModule } from './stand-in.js';

/** Globals that Node implements with its bundled undici (Node's docs: "Fetch", "WebSocket", "EventSource"). */
const UNDICI_GLOBALS = ['fetch', 'Response', 'Request', 'Headers', 'FormData', 'WebSocket', 'EventSource', 'CloseEvent', 'MessageEvent'];

export const WEB_GLOBALS_LABEL = "Node's fetch (undici, which loads node:http)";

/**
 * Observed in this (ordinary) process, where reading them is harmless: which of the globals this
 * Node has, classes or functions, and the names a class's argument-less instance has.
 */
export function webGlobalsShape(): ModuleShape {
  const shape: ModuleShape = { classes: [], functions: [], objects: [], data: {}, instanceKeys: {}, staticKeys: {} };
  const scope = globalThis as Record<string, unknown>;
  for (const name of UNDICI_GLOBALS) {
    const value = scope[name];
    if (typeof value !== 'function') continue;
    if (name === 'fetch') {
      shape.functions.push(name);
      continue;
    }
    shape.classes.push(name);
    const keys = instanceKeys(value as new () => object);
    if (keys && shape.instanceKeys) shape.instanceKeys[name] = keys;
    const statics = Object.getOwnPropertyNames(value).filter((key) => !['length', 'name', 'prototype'].includes(key));
    if (statics.length > 0 && shape.staticKeys) shape.staticKeys[name] = statics;
  }
  return shape;
}

function instanceKeys(Class: new () => object): string[] | undefined {
  let instance: object;
  try {
    instance = new Class();
  } catch {
    // Needs arguments (Request, WebSocket): every read of an instance made in the build is a use.
    return undefined;
  }
  const keys = new Set<string>();
  for (let object: object | null = instance; object !== null; object = Object.getPrototypeOf(object)) {
    for (const key of Object.getOwnPropertyNames(object)) keys.add(key);
  }
  return [...keys].sort();
}

/**
 * Set in a snapshot build once the globals are taken off globalThis (takeWebGlobalsOff): from then
 * on, and in every process started from that heap, Node's own classes come from its undici module
 * (which needs `--expose-internals`), never from globalThis, where a stand-in or the app's own
 * class (Hono's) now sits.
 */
let takenOff = false;

// Node loads its fetch classes from here (lib/internal/bootstrap/web/exposed-window-or-worker.js).
const NODE_UNDICI = 'internal/deps/undici/undici';

function nodeUndici(): Record<string, unknown> {
  try {
    return require(NODE_UNDICI) as Record<string, unknown>;
  } catch {
    throw new Error(
      `snapshot-restore: this process started from a snapshot whose fetch globals were taken off globalThis; start it with node --expose-internals, which lets it load Node's own (${NODE_UNDICI})`,
    );
  }
}

/**
 * The stand-ins for Node's undici-backed globals (bundle.ts declares them in the module factory,
 * so that \`Response\` in the function's code is the stand-in; takeWebGlobalsOff also puts them on
 * globalThis): in the build they keep undici unloaded until a real use; outside it (a restored or
 * plain process) they load Node's own on first use.
 */
export function webGlobalStandIns(shape: ModuleShape | undefined): Record<string, unknown> {
  if (!shape) return {};
  const names = [...shape.classes, ...shape.functions];
  const load = () => {
    const source = takenOff ? nodeUndici() : (globalThis as Record<string, unknown>);
    return Object.fromEntries(names.map((name) => [name, source[name]]));
  };
  return standInModule(WEB_GLOBALS_LABEL, load, shape);
}

/**
 * In the snapshot build, before init: Node's globals are replaced by the stand-ins on globalThis
 * itself, for code that reads them there (\`const GlobalRequest = global.Request\` in
 * @hono/node-server). From Node 22 they are V8 lazy data properties that load undici when read,
 * even to get their descriptor, so they cannot be saved and put back; deleting one loads nothing.
 * What a process started from the snapshot puts back instead: putBackWebGlobals.
 */
export function takeWebGlobalsOff(standIns: Record<string, unknown>): void {
  takenOff = true;
  const scope = globalThis as Record<string, unknown>;
  for (const [name, standIn] of Object.entries(standIns)) {
    delete scope[name];
    // As Node defines them: fetch enumerable, the classes not.
    Object.defineProperty(globalThis, name, { value: standIn, writable: true, configurable: true, enumerable: name === 'fetch' });
  }
}

/**
 * In a process started from the snapshot: wherever a stand-in is still on globalThis (the app did
 * not put its own there), Node's own comes back as Node defines it, loaded on first read (undici
 * costs tens of ms to load: a restore that never uses it does not pay). The load goes through the
 * stand-ins, which links what captured them at init (a subclass's prototype chain, Hono's
 * \`class Request extends GlobalRequest\`) to the real classes, and makes their \`instanceof\` hold
 * for real instances.
 */
export function putBackWebGlobals(standIns: Record<string, unknown>): void {
  const scope = globalThis as Record<string, unknown>;
  for (const [name, standIn] of Object.entries(standIns)) {
    if (!Object.hasOwn(globalThis, name) || scope[name] !== standIn) continue;
    if (name === 'fetch') {
      // Node's own global fetch is a function that loads undici when called.
      Object.defineProperty(globalThis, name, {
        value: function fetch(input: unknown, init?: unknown) {
          return (loadReal(standIns).fetch as (input: unknown, init?: unknown) => unknown)(input, init);
        },
        writable: true,
        configurable: true,
        enumerable: true,
      });
      continue;
    }
    const set = (value: unknown) => Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
    Object.defineProperty(globalThis, name, {
      get: () => {
        const value = loadReal(standIns)[name];
        set(value);
        return value;
      },
      set,
      configurable: true,
      enumerable: false,
    });
  }
}

/**
 * What init's module factory is given for the globals, the same for a function (entry.ts) and a
 * web app (platform-entry.ts): the stand-ins, and in a snapshot build the stand-ins on globalThis
 * too (takeWebGlobalsOff), so that code reading `globalThis.Response` at init loads no undici.
 * Each process started from that heap calls putBackWebGlobals with them.
 */
export function webGlobalsForInit(shape: ModuleShape | undefined, building: boolean): Record<string, unknown> {
  const standIns = webGlobalStandIns(shape);
  if (building) takeWebGlobalsOff(standIns);
  return standIns;
}

/** The names the module factory declares (this Node's undici-backed globals). */
export function webGlobalNames(shape: ModuleShape): string[] {
  return [...shape.classes, ...shape.functions];
}
