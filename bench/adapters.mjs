// Each adapter's build time with the plugin ÷ without, on one shared fixture that all four
// bundlers build as they are (no resolver plugins): 300 generated ES modules in a tree of
// imports, the runtime (aliased to this checkout's built ESM entry), and three modules that
// register hooks. Median of the runs, the two variants interleaved, production builds to memory
// or a temp folder, minifying off.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runtime = join(root, 'runtime/dist/esm/index.js');
const MODULES = 300;

function fixture() {
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
  return dir;
}

async function bundlers(dir) {
  const [{ default: webpack }, { rspack }, { rollup }, { build: viteBuild }] = await Promise.all([import('webpack'), import('@rspack/core'), import('rollup'), import('vite')]);
  const plugins = await Promise.all(['webpack', 'rspack', 'rollup', 'vite'].map((b) => import(new URL(`../dist/plugin/unplugin/${b}.js`, import.meta.url).href)));
  const [webpackPlugin, rspackPlugin, rollupPlugin, vitePlugin] = plugins.map((m) => m.snapshotRestore);
  const out = (name) => mkdtempSync(join(tmpdir(), `sr-bench-${name}-`));
  const webpackConfig = (plugin) => ({
    context: dir,
    mode: 'production',
    target: 'node20',
    entry: './src/handler.mjs',
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
  return {
    webpack: (on) => run(webpack(webpackConfig(on ? webpackPlugin() : undefined))),
    rspack: (on) => run(rspack(webpackConfig(on ? rspackPlugin() : undefined))),
    rollup: async (on) => {
      const bundle = await rollup({ input: join(dir, 'src/handler.mjs'), plugins: [...(on ? [rollupPlugin({ root: dir })] : []), alias], onLog: () => {} });
      await bundle.write({ dir: out('rollup'), format: 'es' });
      await bundle.close();
    },
    vite: (on) =>
      viteBuild({
        root: dir,
        configFile: false,
        logLevel: 'silent',
        resolve: { alias: [{ find: /^snapshot-restore$/, replacement: runtime }] },
        plugins: on ? [vitePlugin()] : [],
        build: { ssr: join(dir, 'src/handler.mjs'), outDir: out('vite'), minify: false, rollupOptions: { output: { format: 'es' } } },
        ssr: { noExternal: true },
      }),
  };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** { webpack: { ratio, without, with }, rspack: ..., rollup: ..., vite: ... } in ms. */
export async function adapterRatios(runs = 5, warmup = true) {
  const dir = fixture();
  const builds = await bundlers(dir);
  const result = {};
  for (const [name, build] of Object.entries(builds)) {
    if (warmup) {
      await build(false);
      await build(true);
    }
    const samples = { without: [], with: [] };
    for (let i = 0; i < runs; i++) {
      for (const on of i % 2 ? [true, false] : [false, true]) {
        const start = performance.now();
        await build(on);
        samples[on ? 'with' : 'without'].push(performance.now() - start);
      }
    }
    const without = median(samples.without);
    const withPlugin = median(samples.with);
    result[name] = { ratio: withPlugin / without, without, with: withPlugin };
  }
  return { modules: MODULES, ...result };
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  const result = await adapterRatios();
  for (const name of ['webpack', 'rspack', 'rollup', 'vite']) {
    const r = result[name];
    console.log(`${name}_plugin_ratio ${r.ratio.toFixed(3)} (${r.without.toFixed(0)} ms without, ${r.with.toFixed(0)} ms with; ${result.modules} modules)`);
  }
}
