// How a bundle reaches Node's built-in modules inside a startup snapshot. Two things need care
// on Node 20 (both checked with `node --build-snapshot`):
// - node:http, node:https, node:http2, node:tls and node:repl cannot be loaded while the snapshot
//   is built: the build aborts ("global handle not serialized", "Unknown external reference").
//   Most code only loads them at init and uses them later (the AWS SDK does), so each becomes a
//   module whose properties load the real one on first use. A use during the build is recorded
//   (and the emulate command falls back to plain processes); after the restore it just works.
// - every other built-in is reached through `require`, so that an ESM bundle has no `import`
//   statements left and can be wrapped in a function (see emulate-bundle.ts).
import { builtinModules } from 'node:module';
import type { Plugin } from 'esbuild';

/** Built-ins that Node 20 cannot have loaded when it serializes a snapshot. */
export const UNSNAPSHOTTABLE = new Set(['http', 'https', 'http2', 'tls', 'repl', '_http_agent', '_http_client', '_http_common', '_http_incoming', '_http_outgoing', '_http_server', '_tls_common', '_tls_wrap']);

/** Where a built-in used during the build is recorded (an array of `UnsupportedUse`). */
export const UNSUPPORTED_KEY = 'snapshot-restore.emulate.unsupported';

const NAMESPACE = 'snapshot-restore-builtin';
const builtins = new Set(builtinModules);

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
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, async (args) => {
        const name = args.path;
        if (!UNSNAPSHOTTABLE.has(name)) return { contents: `module.exports = require(${JSON.stringify(`node:${name}`)});`, loader: 'js' };
        const names = Object.keys(await import(`node:${name}`)).filter((key) => key !== 'default');
        return { contents: lazyModule(name, names), loader: 'js' };
      });
    },
  };
}

/** A module whose every export loads the real built-in when first read. */
function lazyModule(name: string, names: string[]): string {
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
`;
}
