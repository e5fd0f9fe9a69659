// How a bundle reaches Node's built-in modules inside a startup snapshot. Two things need care
// (both checked with `node --build-snapshot` on Node 20, 22 and 24):
// - node:http, node:https, node:http2, node:tls and node:repl cannot be loaded while the snapshot
//   is built: the build aborts ("global handle not serialized", "Unknown external reference").
//   Most code only loads them at init, and constructs agents and clients, and uses them later
//   (the AWS SDK does), so each becomes a stand-in module (stand-in.ts) that loads the real one
//   on first real use. A real use during the build (a request) is reported, and emulate falls
//   back to plain processes; after the restore everything is real.
// - every other built-in is reached through `require`, so that an ESM bundle has no `import`
//   statements left and can be wrapped in a function (see bundle.ts).
import { existsSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';
import type { ModuleShape } from './stand-in.js';
import { observeServers } from './deferred-server.js';

/** Built-ins that Node cannot have loaded when it serializes a snapshot. */
export const UNSNAPSHOTTABLE = new Set([
  'http',
  'https',
  'http2',
  'tls',
  'repl',
  '_http_agent',
  '_http_client',
  '_http_common',
  '_http_incoming',
  '_http_outgoing',
  '_http_server',
  '_tls_common',
  '_tls_wrap',
]);

const NAMESPACE = 'snapshot-restore-builtin';
const builtins = new Set(builtinModules);
const requireBuiltin = createRequire(import.meta.url);

/** stand-in.ts as compiled (dist/) or, when running from the sources (tests), as TypeScript. */
export function standInFile(): string {
  const compiled = fileURLToPath(new URL('./stand-in.js', import.meta.url));
  return existsSync(compiled) ? compiled : fileURLToPath(new URL('./stand-in.ts', import.meta.url));
}

export function snapshotBuiltins(): Plugin {
  return {
    name: 'snapshot-restore-builtins',
    setup(build) {
      build.onResolve({ filter: /^(node:)?[a-z_][a-z0-9_/]*$/ }, (args) => {
        const name = args.path.replace(/^node:/, '');
        if (!builtins.has(name) && !args.path.startsWith('node:')) return undefined;
        // The shim's own require of the real module stays a require.
        if (args.namespace === NAMESPACE) return { path: `node:${name}`, external: true };
        return { path: name, namespace: NAMESPACE };
      });
      // The stand-ins themselves, asked for by the node:module shim.
      build.onResolve({ filter: new RegExp(`^${STAND_IN}`) }, (args) => ({ path: args.path.slice(STAND_IN.length), namespace: NAMESPACE }));
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => {
        const name = args.path;
        if (name === 'module') return { contents: moduleShim(), loader: 'js' };
        if (!UNSNAPSHOTTABLE.has(name)) return { contents: `module.exports = require(${JSON.stringify(`node:${name}`)});`, loader: 'js' };
        const real = requireBuiltin(`node:${name}`) as Record<string, unknown>;
        // Servers made at init are deferred to the restore (deferred-server.ts): emulate --platform.
        const shape = { ...shapeOf(real), servers: observeServers(real) };
        const contents = `// node:${name}: a stand-in until its first real use (Node cannot put it in a startup snapshot)
module.exports = require(${JSON.stringify(standInFile())}).standInModule(${JSON.stringify(`node:${name}`)}, () => require(${JSON.stringify(`node:${name}`)}), ${literal(shape)});
`;
        return { contents, loader: 'js', resolveDir: process.cwd() };
      });
    },
  };
}

const STAND_IN = 'snapshot-restore-stand-in:';

/**
 * node:module with a createRequire whose require gives the same stand-ins as an import does: an
 * ESM bundle's `const require = createRequire(import.meta.url)` banner, and any code that makes
 * its own require, reach node:http through it at run time, where esbuild cannot see the name.
 */
function moduleShim(): string {
  // The public ones: Node's internal _http_* modules load in its own order only (loading one first fails).
  const standIns = [...UNSNAPSHOTTABLE]
    .filter((name) => !name.startsWith('_'))
    .map((name) => `${JSON.stringify(name)}: () => require(${JSON.stringify(STAND_IN + name)})`)
    .join(',\n  ');
  return `const real = require("node:module");
const standIns = {
  ${standIns}
};
function standInRequire(realRequire) {
  const wrapped = function require(id) {
    const name = typeof id === "string" ? id.replace(/^node:/, "") : id;
    if (typeof name === "string" && Object.hasOwn(standIns, name) && real.isBuiltin(id)) return standIns[name]();
    return realRequire.apply(this, arguments);
  };
  return Object.assign(wrapped, realRequire);
}
const createRequire = function createRequire(...args) {
  return standInRequire(real.createRequire(...args));
};
module.exports = new Proxy(real, {
  get(target, key, receiver) {
    return key === "createRequire" ? createRequire : Reflect.get(target, key, receiver);
  },
});
`;
}

/** What each export of the real module is: plain data is copied, the rest stands in. */
export function shapeOf(real: Record<string, unknown>): ModuleShape {
  const shape: ModuleShape = { classes: [], functions: [], objects: [], data: {} };
  for (const key of Object.keys(real)) {
    if (key === 'default') continue;
    const value = real[key];
    // Plain data (http2.constants, http.METHODS, STATUS_CODES): code reads it at load time (the
    // AWS SDK does), and a copy needs no module loaded.
    if (isPlainData(value)) shape.data[key] = value;
    else if (typeof value === 'function' && isClass(value)) {
      shape.classes.push(key);
      // Its static settings, own and inherited (Node's lib/_http_agent.js: Agent.defaultMaxSockets =
      // Infinity; https.Agent inherits it).
      const data: Record<string, unknown> = {};
      for (let owner: object | null = value; owner && owner !== Function.prototype; owner = Object.getPrototypeOf(owner)) {
        for (const name of Object.getOwnPropertyNames(owner)) {
          const setting = Object.getOwnPropertyDescriptor(owner, name)?.value;
          if (['length', 'name', 'prototype'].includes(name) || Object.hasOwn(data, name) || setting === undefined || !isPlainData(setting)) continue;
          data[name] = setting;
        }
      }
      if (Object.keys(data).length > 0) (shape.staticData ??= {})[key] = data;
    } else if (typeof value === 'function') shape.functions.push(key);
    else if (typeof value === 'object') {
      shape.objects.push(key);
      // Its settings (http.globalAgent's keepAlive, maxSockets, options); not its internals (`_events`).
      const data = Object.entries(value as object).filter(([name, setting]) => !name.startsWith('_') && setting !== undefined && isPlainData(setting));
      if (data.length > 0) (shape.objectData ??= {})[key] = Object.fromEntries(data);
    }
  }
  return shape;
}

/** Plain data as JavaScript source: JSON, but numbers as they are (Infinity, NaN, -0) and undefined kept. */
export function literal(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `[${value.map(literal).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.entries(value)
      .map(([key, entry]) => `${JSON.stringify(key)}:${literal(entry)}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

function isClass(fn: Function): boolean {
  if (/^class\b/.test(Function.prototype.toString.call(fn))) return true;
  // Node's older constructors (http.Agent) are functions with methods on their prototype.
  const proto = (fn as { prototype?: object }).prototype;
  return proto !== undefined && Object.getOwnPropertyNames(proto).length > 1;
}

function isPlainData(value: unknown, depth = 0): boolean {
  if (value === null || value === undefined || ['string', 'number', 'boolean'].includes(typeof value)) return true;
  if (typeof value !== 'object' || depth > 3) return false;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) return false;
  return Object.values(value as object).every((entry) => isPlainData(entry, depth + 1));
}
