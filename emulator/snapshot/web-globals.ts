// Node's fetch and the web classes around it (Response, Request, Headers, FormData, WebSocket,
// EventSource, ...) are globals backed by Node's bundled undici, loaded on first read. Loading
// undici loads node:http, node:tls and node:http2 with it (builtins.ts: none of them can be in a
// startup snapshot), and on Node 20 it also starts compiling its llhttp WebAssembly, which the
// snapshot builder does not have ("WebAssembly is not defined"). Libraries read these globals at
// init without using the network: pg asks `new Response(null, { cf })` whether it runs on
// Cloudflare Workers when `navigator` is missing (Node 20). So the function's code sees a
// stand-in (stand-in.ts) for each of them, like node:http's exports.
import { type ModuleShape, standInModule } from './stand-in.js';

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
 * The stand-ins that the bundled function sees under the globals' names (bundle.ts declares them
 * in the module factory, so that `Response` in the function's code is the stand-in): in the build
 * they keep undici unloaded until a real use; outside it (a restored or plain process) they load
 * Node's own on first use. globalThis is not touched: Node 22 defines these as lazy data
 * properties, which even reading their descriptor loads.
 */
export function webGlobalStandIns(shape: ModuleShape | undefined): Record<string, unknown> {
  if (!shape) return {};
  const scope = globalThis as Record<string, unknown>;
  const names = [...shape.classes, ...shape.functions];
  return standInModule(WEB_GLOBALS_LABEL, () => Object.fromEntries(names.map((name) => [name, scope[name]])), shape);
}

/** The names the module factory declares (this Node's undici-backed globals). */
export function webGlobalNames(shape: ModuleShape): string[] {
  return [...shape.classes, ...shape.functions];
}
