// Build time with the snapshot-restore plugin against the same esbuild build without it, on a
// bundle of real npm modules (the AWS SDK v3 clients installed as dev dependencies, ~600
// modules; BENCH_FIXTURE=large: thirteen whole clients, ~3,200 modules), alternating runs,
// medians. Also the time spent inside the plugin's own callbacks (onLoad for hoisting, onEnd
// for the check and the uniqueness lint), which a loaded machine blurs less than the ratio.
// Target: ratio <= 1.10. Run `npx tsc -p tsconfig.json` first (the plugin is imported from dist/).
// HOIST=0 / UNIQUENESS=0 turn those features off.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { snapshotRestore } from '../dist/plugin/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.RUNS ?? 9);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-bench-'));

// The aws-sdk fixture: a handler using S3, DynamoDB and the document client, with hooks.
const entry =
  process.env.BENCH_FIXTURE === 'large'
    ? path.join(root, 'bench/fixtures/large/handler.mjs')
    : path.join(root, 'fixtures/plugin/aws-sdk/src/handler.ts');

const pluginOptions = { ...(process.env.HOIST === '0' ? { hoist: false } : {}), ...(process.env.UNIQUENESS === '0' ? { uniqueness: false } : {}) };
let callbackMs = 0;
const byKind = { onLoad: 0, onEnd: 0, onStart: 0 };

/** The plugin with its callbacks timed. */
function timedPlugin() {
  const plugin = snapshotRestore(pluginOptions);
  return {
    name: plugin.name,
    setup(build) {
      const wrap = (register, kind) => (filterOrCallback, callback) => {
        const timed = async (...args) => {
          const started = process.hrtime.bigint();
          try {
            return await (callback ?? filterOrCallback)(...args);
          } finally {
            const ms = Number(process.hrtime.bigint() - started) / 1e6;
            callbackMs += ms;
            byKind[kind] += ms;
          }
        };
        return callback ? register(filterOrCallback, timed) : register(timed);
      };
      return plugin.setup({ ...build, initialOptions: build.initialOptions, onLoad: wrap(build.onLoad, "onLoad"), onEnd: wrap(build.onEnd, "onEnd"), onStart: wrap(build.onStart, "onStart") });
    },
  };
}

function options(withPlugin) {
  return {
    absWorkingDir: root,
    entryPoints: [entry],
    outfile: path.join(work, withPlugin ? 'with/handler.mjs' : 'without/handler.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // The same metafile work on both sides: the plugin turns it on, so the baseline does too.
    metafile: true,
    alias: {
      'snapshot-restore': path.join(root, 'runtime/index.ts'),
      'snapshot-restore/lambda': path.join(root, 'runtime/lambda.ts'),
    },
    logLevel: 'silent',
    plugins: withPlugin ? [timedPlugin()] : [],
  };
}

async function timeBuild(withPlugin) {
  const started = process.hrtime.bigint();
  const result = await esbuild.build(options(withPlugin));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { ms, modules: Object.keys(result.metafile.inputs).length, warnings: result.warnings.length };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// Warm up both (file system cache, JIT), then alternate so drift hits both sides alike.
await timeBuild(false);
const warm = await timeBuild(true);
const without = [];
const withPlugin = [];
const callbacks = [];
const timedWith = async () => {
  callbackMs = 0;
  const { ms } = await timeBuild(true);
  callbacks.push(callbackMs);
  return { ms };
};
for (let i = 0; i < runs; i++) {
  if (i % 2 === 0) {
    without.push((await timeBuild(false)).ms);
    withPlugin.push((await timedWith()).ms);
  } else {
    withPlugin.push((await timedWith()).ms);
    without.push((await timeBuild(false)).ms);
  }
}

const base = median(without);
const plugin = median(withPlugin);
const ratio = plugin / base;
console.log(`plugin overhead: ${warm.modules} modules, ${runs} runs each, alternating`);
console.log(`  without plugin: median ${base.toFixed(1)} ms`);
console.log(`  with plugin:    median ${plugin.toFixed(1)} ms (${warm.warnings} warnings)`);
console.log(`  ratio:          ${ratio.toFixed(3)} (target <= 1.10) ${ratio <= 1.1 ? 'OK' : 'OVER TARGET'}`);
console.log(`  in plugin callbacks: median ${median(callbacks).toFixed(1)} ms per build (${((median(callbacks) / base) * 100).toFixed(1)} % of the build without it)`);
fs.rmSync(work, { recursive: true, force: true });
if (process.env.VERBOSE) console.log("  total by callback over all builds:", Object.entries(byKind).map(([k, v]) => `${k} ${v.toFixed(1)} ms`).join(", "));
