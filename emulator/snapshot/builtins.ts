// How a bundle reaches Node's built-in modules inside a startup snapshot. Two things need care
// on Node 20 (both checked with `node --build-snapshot`):
// - node:http, node:https, node:http2, node:tls and node:repl cannot be loaded while the snapshot
//   is built: the build aborts ("global handle not serialized", "Unknown external reference").
//   Most code only loads them at init and uses them later (the AWS SDK does), so each becomes a
//   module whose properties load the real one on first use. A use during the build is recorded
//   (and the emulate command falls back to plain processes); after the restore it just works.
// - every other built-in is reached through `require`, so that an ESM bundle has no `import`
//   statements left and can be wrapped in a function (see emulate-bundle.ts).
import { builtinModules, createRequire } from 'node:module';
import type { Plugin } from 'esbuild';
import { UNSUPPORTED_KEY } from './protocol.js';

/** Built-ins that Node 20 cannot have loaded when it serializes a snapshot. */
export const UNSNAPSHOTTABLE = new Set(['http', 'https', 'http2', 'tls', 'repl', '_http_agent', '_http_client', '_http_common', '_http_incoming', '_http_outgoing', '_http_server', '_tls_common', '_tls_wrap']);


const NAMESPACE = 'snapshot-restore-builtin';
const builtins = new Set(builtinModules);
const requireBuiltin = createRequire(import.meta.url);

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
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => {
        const name = args.path;
        if (!UNSNAPSHOTTABLE.has(name)) return { contents: `module.exports = require(${JSON.stringify(`node:${name}`)});`, loader: 'js' };
        const real = requireBuiltin(`node:${name}`) as Record<string, unknown>;
        const names = Object.keys(real).filter((key) => key !== 'default');
        // Plain data (http2.constants, http.METHODS, STATUS_CODES) is copied in: code reads it at
        // load time (the AWS SDK does), and a copy needs no module loaded.
        const data: Record<string, unknown> = {};
        for (const key of names) if (isPlainData(real[key])) data[key] = real[key];
        return { contents: lazyModule(name, names.filter((key) => !(key in data)), data), loader: 'js' };
      });
    },
  };
}

function isPlainData(value: unknown, depth = 0): boolean {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return true;
  if (typeof value !== 'object' || depth > 3) return false;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) return false;
  return Object.values(value as object).every((entry) => isPlainData(entry, depth + 1));
}

/** A module whose every export (but plain data) loads the real built-in when first read. */
function lazyModule(name: string, names: string[], data: Record<string, unknown>): string {
  return `// node:${name}, loaded on first use (Node cannot put it in a startup snapshot)
let real;
function snapshotRestoreLazyBuiltin(key) {
  if (real === undefined && require("node:v8").startupSnapshot.isBuildingSnapshot()) {
    const holder = {};
    Error.captureStackTrace(holder, snapshotRestoreLazyBuiltin);
    const frame = (holder.stack || "").split("\\n").slice(1).find((line) => !line.includes("snapshotRestoreLazy")) || "";
    const site = (/\\(?([^\\s()]+:\\d+:\\d+)\\)?\\s*$/.exec(frame) || [])[1];
    const store = (globalThis[Symbol.for(${JSON.stringify(UNSUPPORTED_KEY)})] ??= []);
    store.push({ module: ${JSON.stringify(`node:${name}`)}, property: key, site });
  }
  return (real ??= require(${JSON.stringify(`node:${name}`)}));
}
for (const key of ${JSON.stringify(names)}) {
  Object.defineProperty(exports, key, { enumerable: true, configurable: true, get: function snapshotRestoreLazyGet() { return snapshotRestoreLazyBuiltin(key)[key]; } });
}
Object.assign(exports, ${JSON.stringify(data)});
`;
}
