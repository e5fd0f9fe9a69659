// Each adapter's build time with the plugin ÷ without. Two fixtures:
// - 'large' (the figures): bench/fixtures/large/handler.mjs, the fourteen whole AWS SDK v3 clients
//   and the runtime (3,000-odd modules, as the esbuild figures), built by each bundler the way its
//   users build for Node: webpack and Rspack resolve packages themselves, Rollup with
//   @rollup/plugin-node-resolve (Node conditions), @rollup/plugin-commonjs and JSON, Vite's SSR build
//   with everything bundled;
// - 'generated': 300 generated ES modules in a tree of imports, three of them registering hooks,
//   all "your own code" (no node_modules), which every bundler builds without resolver plugins.
// The runtime is aliased to this checkout's built ESM entry. Median of the runs, the two variants
// interleaved, production builds to a temp folder, minifying off.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runtime = join(root, 'runtime/dist/esm/index.js');
const MODULES = 300;

function generatedFixture() {
  const dir = mkdtempSync(join(tmpdir(), 'sr-bench-adapters-'));
  mkdirSync(join(dir, 'src'));
  for (let i = MODULES - 1; i >= 0; i--) {
    const children = [2 * i + 1, 2 * i + 2].filter((c) => c < MODULES);
    const lines = children.map((c) => `import { value${c} } from './m${c}.mjs';`);
    if (i % 100 === 7) lines.push("import { registerAfterRestore } from 'snapshot-restore';", `registerAfterRestore(function renew${i}() {});`);
    lines.push(`export const value${i} = ${children.map((c) => `value${c}`).join(' + ') || '1'} + ${i};`);
    writeFileSync(join(dir, 'src', `m${i}.mjs`), `${lines.join('\n')}\n`);
  }
  writeFileSync(join(dir, 'src/handler.mjs'), "import { value0 } from './m0.mjs';\nexport const handler = async () => ({ value0 });\n");
  return { dir, entry: 'src/handler.mjs', packages: false };
}

const largeFixture = () => ({ dir: root, entry: 'bench/fixtures/large/handler.mjs', packages: true });

async function bundlers({ dir, entry, packages }, options = {}) {
  const [{ default: webpack }, { rspack }, { rollup }, { build: viteBuild }] = await Promise.all([import('webpack'), import('@rspack/core'), import('rollup'), import('vite')]);
  const [{ nodeResolve }, { default: commonjs }] = packages ? await Promise.all([import('@rollup/plugin-node-resolve'), import('@rollup/plugin-commonjs')]) : [{}, {}];
  const plugins = await Promise.all(['webpack', 'rspack', 'rollup', 'vite'].map((b) => import(new URL(`../dist/plugin/unplugin/${b}.js`, import.meta.url).href)));
  const [webpackPlugin, rspackPlugin, rollupPlugin, vitePlugin] = plugins.map((m) => m.snapshotRestore);
  // Each build writes to a folder of its own, removed once the build has finished (4-6 MB each for the large fixture).
  const outputs = [];
  const out = (name) => {
    const dir = mkdtempSync(join(tmpdir(), `sr-bench-${name}-`));
    outputs.push(dir);
    return dir;
  };
  const cleaned = (build) => async (on) => {
    try {
      await build(on);
    } finally {
      for (const dir of outputs.splice(0)) rmSync(dir, { recursive: true, force: true });
    }
  };
  const input = join(dir, entry);
  const webpackConfig = (plugin) => ({
    context: dir,
    mode: 'production',
    target: 'node20',
    entry: `./${entry}`,
    devtool: false,
    output: { path: out('webpack'), filename: 'handler.mjs', module: true, library: { type: 'module' }, chunkFormat: 'module' },
    experiments: { outputModule: true },
    optimization: { minimize: false },
    resolve: { alias: { 'snapshot-restore$': runtime } },
    infrastructureLogging: { level: 'error' },
    plugins: plugin ? [plugin] : [],
  });
  const run = (compiler) =>
    new Promise((done, fail) => compiler.run((error, stats) => compiler.close(() => (error || stats.hasErrors() ? fail(error ?? new Error(stats.toString())) : done()))));
  const alias = { name: 'alias', resolveId: (source) => (source === 'snapshot-restore' ? runtime : null) };
  const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
  // The SDK clients import their package.json: what @rollup/plugin-json does, in three lines.
  const json = { name: 'json', transform: { filter: { id: /\.json$/ }, handler: (code) => ({ code: `export default ${code};`, map: null }) } };
  const packagePlugins = () => (packages ? [nodeResolve({ exportConditions: ['node'], preferBuiltins: true }), commonjs(), json] : []);
  // Rollup: the time spent in the plugin's own hooks, per build (an upper bound: an async hook's
  // time runs until its promise settles), beside the ratio that a loaded machine's noise swamps.
  const rollupWithTimer = () => {
    const plugin = rollupPlugin({ root: dir, ...options });
    const timed = (fn) =>
      function (...args) {
        const start = performance.now();
        const result = fn.apply(this, args);
        const done = () => (hookMs.rollup += performance.now() - start);
        if (result && typeof result.then === 'function') return result.finally(done);
        done();
        return result;
      };
    for (const [name, hook] of Object.entries(plugin)) {
      if (typeof hook === 'function') plugin[name] = timed(hook);
      else if (hook && typeof hook.handler === 'function') hook.handler = timed(hook.handler);
    }
    return plugin;
  };
  const builds = {
    webpack: (on) => run(webpack(webpackConfig(on ? webpackPlugin(options) : undefined))),
    rspack: (on) => run(rspack(webpackConfig(on ? rspackPlugin(options) : undefined))),
    rollup: async (on) => {
      const bundle = await rollup({
        input,
        external: (id) => builtins.has(id),
        plugins: [...(on ? [rollupWithTimer()] : []), alias, ...packagePlugins()],
        onLog: () => {},
      });
      await bundle.write({ dir: out('rollup'), format: 'es' });
      await bundle.close();
    },
    vite: (on) =>
      viteBuild({
        root: dir,
        configFile: false,
        logLevel: 'silent',
        resolve: { alias: [{ find: /^snapshot-restore$/, replacement: runtime }] },
        plugins: on ? [vitePlugin(options)] : [],
        build: { ssr: input, outDir: out('vite'), emptyOutDir: false, minify: false, rollupOptions: { output: { format: 'es' } } },
        ssr: { noExternal: true },
      }),
  };
  return Object.fromEntries(Object.entries(builds).map(([name, build]) => [name, cleaned(build)]));
}

/** Milliseconds spent in the plugin's hooks since the last reset, by bundler (Rollup only). */
const hookMs = { rollup: 0 };

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** { modules, webpack: { ratio, without, with }, rspack: ..., rollup: ..., vite: ... } in ms.
 *  `fixture`: 'large' (bench/fixtures/large, the figures) or 'generated' (300 modules of your own). */
export async function adapterRatios(runs = 5, warmup = true, fixture = 'large', only = ['webpack', 'rspack', 'rollup', 'vite']) {
  const setup = fixture === 'large' ? largeFixture() : generatedFixture();
  const builds = await bundlers(setup);
  const result = { fixture, modules: fixture === 'large' ? undefined : MODULES };
  for (const name of only) {
    const build = builds[name];
    if (warmup) {
      await build(false);
      await build(true);
    }
    const samples = { without: [], with: [], hooks: [] };
    // Rollup takes 20 s (quiet) to a minute (loaded) per build of the large fixture.
    const rounds = fixture === 'large' && name === 'rollup' ? Math.min(runs, 3) : runs;
    for (let i = 0; i < rounds; i++) {
      for (const on of i % 2 ? [true, false] : [false, true]) {
        if (name in hookMs) hookMs[name] = 0;
        const start = performance.now();
        await build(on);
        samples[on ? 'with' : 'without'].push(performance.now() - start);
        if (on && name in hookMs) samples.hooks.push(hookMs[name]);
      }
    }
    const without = median(samples.without);
    const withPlugin = median(samples.with);
    result[name] = { ratio: withPlugin / without, without, with: withPlugin, runs: rounds, ...(samples.hooks.length > 0 ? { hooks: median(samples.hooks) } : {}) };
  }
  return result;
}

/** What a figure's note says about the fixture. */
export const fixtureNote = (result) => (result.fixture === 'large' ? 'bench/fixtures/large (14 whole AWS SDK clients)' : `${result.modules} generated modules`);

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  // node bench/adapters.mjs [runs] [large|generated] [bundler...]
  const [runs = '5', fixture = 'large', ...only] = process.argv.slice(2);
  const names = only.length > 0 ? only : ['webpack', 'rspack', 'rollup', 'vite'];
  const result = await adapterRatios(Number(runs), true, fixture, names);
  for (const name of names) {
    const r = result[name];
    const hooks = r.hooks === undefined ? '' : `, ${r.hooks.toFixed(0)} ms in the plugin's hooks`;
    console.log(`${name}_plugin_ratio ${r.ratio.toFixed(3)} (${r.without.toFixed(0)} ms without, ${r.with.toFixed(0)} ms with${hooks}; ${fixtureNote(result)})`);
  }
}
/** One bundler's build, `(withPlugin) => Promise`, for profiling (`node --cpu-prof`). */
export const adapterBuild = async (name, options = {}, fixture = 'large') => (await bundlers(fixture === 'large' ? largeFixture() : generatedFixture(), options))[name];
