// The adapters for webpack, Rspack, Rollup and Vite report what the esbuild plugin reports, and
// predict the order the runtime really runs: every fixture is built with esbuild and with each
// bundler (the real bundlers, test/helpers/bundlers.ts), the findings (code and place) and the
// manifests (both hook lists with their places, the lazy modules, the diagnostics' codes) are
// compared, and each bundle is loaded in a child process and run through both phases.
//
// Where a bundler legitimately builds something else, the test says so and checks the
// bundler's own truth instead:
// - Rollup without @rollup/plugin-commonjs / -node-resolve (not installed here) bundles no
//   CommonJS and reads no package.json `sideEffects`: the CommonJS fixtures are left out, and in
//   side-effects-free the hook module stays in the bundle, so its hook is predicted and runs.
// - Rspack drops a side-effect-free module imported only for its side effects before plugins see
//   the graph: the manifest is still right (the hook does not run), but SR004 cannot be reported.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rollup, type Plugin as RollupPlugin } from 'rollup';
import { build as viteBuild } from 'vite';
import { describe, expect, it } from 'vitest';
import { snapshotRestore as rollupAdapter } from '../../plugin/unplugin/rollup.js';
import { snapshotRestore as viteAdapter } from '../../plugin/unplugin/vite.js';
import { BUNDLERS, buildWith, type Bundler, type BundlerBuild } from '../helpers/bundlers.js';
import { buildFixture, repoRoot, runPhases, tempDir, type FixtureBuild } from '../helpers/plugin-harness.js';
import type { Manifest } from '../../plugin/core/index.js';
import type { AdapterOptions } from '../../plugin/unplugin/index.js';

interface Case {
  fixture: string;
  format?: 'esm' | 'cjs';
  plugin?: AdapterOptions;
  /** Bundlers that cannot build it here (see above). */
  skip?: Bundler[];
  /** Bundlers whose build differs from esbuild's for a stated reason: only the prediction is compared with the real run. */
  differs?: Partial<Record<Bundler, string>>;
  /** Registrations the analysis cannot resolve are in no manifest: the real run is not compared. */
  unpredictable?: true;
}

const CASES: Case[] = [
  { fixture: 'clean-esm', skip: ['rollup'] },
  { fixture: 'evaluation-order' },
  { fixture: 'legacy-decorators' },
  { fixture: 'instance-decorator' },
  { fixture: 'inside-handler' },
  // SR001 and SR003 are errors by default; as warnings the bundles are written and run.
  { fixture: 'inside-handler', plugin: { hoist: false, severity: { SR001: 'warning' } } },
  { fixture: 'lazy-load', plugin: { severity: { SR003: 'warning' } }, skip: ['rollup'] },
  { fixture: 'not-in-bundle', plugin: { include: 'src/**/*.ts' } },
  { fixture: 'unresolvable', unpredictable: true },
  { fixture: 'no-snapstart' },
  {
    fixture: 'side-effects-free',
    differs: {
      rollup: 'Rollup alone does not read package.json sideEffects: the module stays in the bundle',
      rspack: 'Rspack removes the module from the graph before plugins see it',
    },
  },
  { fixture: 'wrapper-module', plugin: { modules: [{ module: './src/lib/lifecycle.ts', beforeSnapshot: ['onSnapshot'], afterRestore: ['onRestore'] }] } },
  { fixture: 'cjs-order', format: 'cjs', skip: ['rollup'] },
  { fixture: 'invoke-only', format: 'cjs', skip: ['rollup'] },
];

const byPlace = (a: { code: string; file?: string; line?: number; column?: number }, b: typeof a) =>
  `${a.file}:${String(a.line).padStart(6)}:${String(a.column).padStart(6)}:${a.code}`.localeCompare(
    `${b.file}:${String(b.line).padStart(6)}:${String(b.column).padStart(6)}:${b.code}`,
  );

/** The manifest without what names the output (its file differs per bundler by design). */
function comparable(manifest: Manifest | undefined) {
  if (!manifest) return undefined;
  return {
    entryPoint: manifest.entryPoint,
    beforeSnapshot: manifest.beforeSnapshot,
    afterRestore: manifest.afterRestore,
    lazy: manifest.lazy,
    diagnostics: manifest.diagnostics.map((d) => ({ code: d.code, severity: d.severity, file: d.file, line: d.line, column: d.column })).sort(byPlace),
  };
}

const names = (build: { manifest?: Manifest }) => ({
  beforeSnapshot: build.manifest!.beforeSnapshot.map((h) => h.name),
  afterRestore: build.manifest!.afterRestore.map((h) => h.name),
});

const esbuildBuilds = new Map<string, Promise<FixtureBuild>>();
function esbuildOf(c: Case): Promise<FixtureBuild> {
  const key = JSON.stringify(c);
  if (!esbuildBuilds.has(key)) esbuildBuilds.set(key, buildFixture(c.fixture, { format: c.format ?? 'esm', plugin: c.plugin }));
  return esbuildBuilds.get(key)!;
}

const esbuildRuns = new Map<string, ReturnType<typeof runPhases>>();
function esbuildRunOf(c: Case): ReturnType<typeof runPhases> {
  const key = JSON.stringify(c);
  if (!esbuildRuns.has(key)) esbuildRuns.set(key, esbuildOf(c).then(runPhases));
  return esbuildRuns.get(key)!;
}

it('the runs compared are not empty: most fixtures register hooks that run, in both phases', async () => {
  const runs = await Promise.all(CASES.map(esbuildRunOf));
  const registering = runs.filter((r) => r.beforeSnapshot.length + r.afterRestore.length > 0);
  expect(registering.length).toBeGreaterThan(CASES.length / 2);
  expect(runs.some((r) => r.beforeSnapshot.length > 0)).toBe(true);
  expect(runs.some((r) => r.afterRestore.length > 1)).toBe(true);
});

for (const bundler of BUNDLERS) {
  describe(`${bundler}: the same findings and manifest as esbuild, and the predicted order is the real one`, () => {
    for (const c of CASES) {
      if (c.skip?.includes(bundler)) continue;
      const title = `${c.fixture}${c.plugin ? ` ${JSON.stringify(c.plugin)}` : ''} (${c.format ?? 'esm'})`;
      it(title, async () => {
        const [reference, build] = await Promise.all([esbuildOf(c), buildWith(bundler, c.fixture, { format: c.format, plugin: c.plugin })]);
        expect(build.errors).toEqual([]);
        expect(reference.errors).toEqual([]);
        const difference = c.differs?.[bundler];
        if (!difference) {
          expect([...build.diagnostics].sort(byPlace)).toEqual([...reference.diagnostics].sort(byPlace));
          expect(comparable(build.manifest)).toEqual(comparable(reference.manifest));
        }
        expect(build.manifest).toBeDefined();
        // The manifest names the bundle this bundler wrote, so the runtime's manifest check finds it.
        expect(build.manifest!.output?.endsWith(build.format === 'esm' ? 'handler.mjs' : 'handler.cjs')).toBe(true);
        // The real run, in a child process: what this bundler's bundle registers and runs is
        // what esbuild's bundle of the same fixture runs (unless the bundler builds something
        // else, said above), and what the manifest predicted.
        const ran = await runPhases(build as unknown as FixtureBuild);
        if (!difference) expect(ran).toEqual(await esbuildRunOf(c));
        if (!c.unpredictable) expect(ran).toEqual(names(build));
      });
    }

    it('side-effects-free: what this bundler really does', async () => {
      const build = await buildWith(bundler, 'side-effects-free');
      const ran = await runPhases(build as unknown as FixtureBuild);
      // Rollup keeps the module (it does not read sideEffects by itself); the others drop it.
      expect(ran.afterRestore).toEqual(bundler === 'rollup' ? ['reopenConnections'] : []);
      const reported = build.diagnostics.map((d) => d.code);
      expect(reported).toEqual(bundler === 'rollup' || bundler === 'rspack' ? [] : ['SR004']);
    });
  });
}

describe('the bundler way of reporting', () => {
  it('webpack: a finding is a compilation warning with its file and place; failOn makes it an error that fails the build', async () => {
    const warned = await buildWith('webpack', 'inside-handler', { plugin: { hoist: false, severity: { SR001: 'warning' } } });
    expect(warned.errors).toEqual([]);
    expect(warned.warnings).toHaveLength(1);
    expect(warned.warnings[0]).toContain('[SR001] `registerAfterRestore(refreshToken)` is inside the handler `handler`');
    // One column convention in webpack's output: its own `8:2` for the finding, 0-based, and the notes' the same.
    expect(warned.warnings[0]).toContain('src/handler.ts:7:0: The handler `handler` is exported here.');
    expect(warned.warnings[0].match(/Suggestion: /g)).toHaveLength(1);
    expect(warned.warnings[0]).toContain('Suggestion: move `registerAfterRestore(refreshToken)` to module top level, outside `handler`');
    const failed = await buildWith('webpack', 'inside-handler', { plugin: { hoist: false, severity: { SR001: 'warning' }, failOn: 'warning' } });
    expect(failed.diagnostics).toEqual([{ code: 'SR001', file: 'src/handler.ts', line: 8, column: 2 }]);
    expect(failed.errors).toHaveLength(1);
    // SR001's own default: an error.
    expect((await buildWith('webpack', 'inside-handler', { plugin: { hoist: false } })).errors).toHaveLength(1);
  });

  it('Rspack: the same, as Rspack prints it', async () => {
    const failed = await buildWith('rspack', 'inside-handler', { plugin: { hoist: false, failOn: 'warning' } });
    expect(failed.diagnostics).toEqual([{ code: 'SR001', file: 'src/handler.ts', line: 8, column: 2 }]);
    expect(failed.errors).toHaveLength(1);
  });

  for (const bundler of ['rollup', 'vite'] as const) {
    it(`${bundler}: warnings through this.warn, and errors fail the build with every error listed`, async () => {
      const warned = await buildWith(bundler, 'unresolvable');
      expect(warned.errors).toEqual([]);
      expect(warned.diagnostics.length).toBeGreaterThan(1);
      const failed = await buildWith(bundler, 'unresolvable', { plugin: { failOn: 'warning' } });
      expect(failed.errors).toHaveLength(1);
      expect(failed.errors[0]).toContain(`${warned.diagnostics.length} snapshot-restore errors`);
      for (const d of warned.diagnostics) expect(failed.errors[0]).toContain(`${d.file}:${d.line}:${d.column}: [${d.code}]`);
      // Rollup prints a warning's place itself; Vite prints only the message, so it starts with the place.
      for (const message of warned.warnings.filter((w) => /\[SR\d{3}\]/.test(w))) expect(/^\S+:\d+:\d+: \[SR/.test(message)).toBe(bundler === 'vite');
    });
  }

  it('severity off and manifest: false mean the same as for esbuild', async () => {
    for (const bundler of BUNDLERS) {
      const build: BundlerBuild = await buildWith(bundler, 'inside-handler', { plugin: { hoist: false, severity: { SR001: 'off' }, manifest: false } });
      expect(build.diagnostics, bundler).toEqual([]);
      expect(build.manifest, bundler).toBeUndefined();
    }
  });
});

describe('the transform hook sees only the modules whose code may matter', () => {
  // Rollup and Vite apply a hook's filter themselves (Rolldown on its Rust side): the filter's
  // code regex names the runtime (quoted), the wrapper modules, `import(` and `require(`, so a
  // module with none of them costs no call. Here a.mjs loads lazily and c.mjs names the runtime
  // (in a comment: the filter is a cheap superset); handler.mjs and b.mjs are never seen.
  const project = () => {
    const dir = tempDir('sr-filter-');
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'src/handler.mjs'), "import { a } from './a.mjs';\nimport { c } from './c.mjs';\nexport const handler = async () => a() + c;\n");
    fs.writeFileSync(path.join(dir, 'src/a.mjs'), "export const a = () => import('./b.mjs');\n");
    fs.writeFileSync(path.join(dir, 'src/b.mjs'), 'export const b = 1;\n');
    fs.writeFileSync(path.join(dir, 'src/c.mjs'), "// no import of 'snapshot-restore' here\nexport const c = 2;\n");
    return dir;
  };
  const counted = <P extends { transform?: unknown }>(plugin: P) => {
    const seen: string[] = [];
    const hook = plugin.transform as { handler: (this: unknown, code: string, id: string) => unknown };
    const handler = hook.handler;
    hook.handler = function (code, id) {
      seen.push(path.basename(id));
      return handler.call(this, code, id);
    };
    return { plugin, seen };
  };

  it('Rollup', async () => {
    const dir = project();
    const { plugin, seen } = counted(rollupAdapter({ root: dir }));
    const bundle = await rollup({ input: path.join(dir, 'src/handler.mjs'), plugins: [plugin], onLog: () => undefined });
    await bundle.close();
    expect(seen.sort()).toEqual(['a.mjs', 'c.mjs']);
  });

  it('Rolldown (with the Rollup plugin)', async () => {
    const dir = project();
    const { plugin, seen } = counted(rollupAdapter({ root: dir }));
    const { rolldown } = await import('rolldown');
    const bundle = await rolldown({ input: path.join(dir, 'src/handler.mjs'), plugins: [plugin as never], onLog: () => undefined });
    await bundle.generate({ format: 'es' });
    await bundle.close();
    expect(seen.sort()).toEqual(['a.mjs', 'c.mjs']);
  });

  it('Vite', async () => {
    const dir = project();
    const { plugin, seen } = counted(viteAdapter());
    await viteBuild({ root: dir, configFile: false, logLevel: 'silent', plugins: [plugin], build: { ssr: 'src/handler.mjs', outDir: tempDir('sr-filter-out-'), write: false } });
    expect(seen.sort()).toEqual(['a.mjs', 'c.mjs']);
  });
});

describe('loaders and plugins that compile to CommonJS before the adapter reads the graph', () => {
  // A project in a temporary folder, with this checkout's node_modules (the real loaders and plugins).
  const project = (files: Record<string, string>) => {
    const dir = tempDir('sr-compiled-');
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'));
    return dir;
  };
  const hookNames = (manifest: Manifest) => ({ beforeSnapshot: manifest.beforeSnapshot.map((h) => h.name), afterRestore: manifest.afterRestore.map((h) => h.name) });

  it('webpack + ts-loader with "module": "commonjs": the hoisted registration is predicted after the imported modules’ hooks, as esbuild predicts', async () => {
    const dir = project({
      'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'es2019', module: 'commonjs', esModuleInterop: true, strict: false }, include: ['src'] }),
      'src/handler.ts': [
        "import { registerAfterRestore } from 'snapshot-restore';",
        "import './first';",
        "let region = 'unset';",
        "function refreshRegion() { region = 'restored'; }",
        'export const handler = async () => {',
        '  registerAfterRestore(refreshRegion);',
        '  return region;',
        '};',
        '',
      ].join('\n'),
      'src/first.ts': "import { registerAfterRestore } from 'snapshot-restore';\nregisterAfterRestore(function reconnect() {});\nexport {};\n",
    });
    const options = { severity: { SR007: 'off' as const } };
    const reference = await buildFixture('compiled', { workingDir: dir, format: 'cjs', plugin: options });
    const outDir = tempDir('sr-compiled-out-');
    const { default: webpack } = await import('webpack');
    const { snapshotRestore: webpackAdapter } = await import('../../plugin/unplugin/webpack.js');
    const stats = await new Promise<import('webpack').Stats>((resolve, reject) => {
      const compiler = webpack({
        mode: 'none',
        target: 'node',
        context: dir,
        entry: { handler: './src/handler.ts' },
        output: { path: outDir, filename: '[name].js', libraryTarget: 'commonjs' },
        module: { rules: [{ test: /\.ts$/, loader: 'ts-loader' }] },
        resolve: { extensions: ['.ts', '.js'] },
        plugins: [webpackAdapter(options)],
      });
      compiler.run((error, result) => compiler.close(() => (error || !result ? reject(error) : resolve(result))));
    });
    expect(stats.compilation.errors.map(String)).toEqual([]);
    const manifest = JSON.parse(fs.readFileSync(path.join(outDir, 'snapshot-restore.manifest.json'), 'utf8')) as Manifest;
    expect(hookNames(reference.manifest!).afterRestore).toEqual(['reconnect', 'refreshRegion']);
    expect(hookNames(manifest)).toEqual(hookNames(reference.manifest!));
  });

  it('webpack + ts-loader with "module": "commonjs": a module imported and also required inside a function keeps its place among the imports', async () => {
    // ts-loader compiles the three imports to requires, and the handler's lazy require of ./x
    // stays one: webpack sees four requires. Each is paired with the source's site in its place
    // (the import of ./x is the second require, the lazy one the fourth), so x's hook is
    // predicted between a's and b's, where it runs.
    const dir = project({
      'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'es2019', module: 'commonjs', esModuleInterop: true, strict: false }, include: ['src'] }),
      'src/handler.ts': ["import './a';", "import './x';", "import './b';", 'export const handler = async () => {', "  require('./x');", '  return 1;', '};', ''].join('\n'),
      'src/a.ts': "import { registerAfterRestore } from 'snapshot-restore';\nregisterAfterRestore(function a() {});\nexport {};\n",
      'src/x.ts': "import { registerAfterRestore } from 'snapshot-restore';\nregisterAfterRestore(function x() {});\nexport {};\n",
      'src/b.ts': "import { registerAfterRestore } from 'snapshot-restore';\nregisterAfterRestore(function b() {});\nexport {};\n",
    });
    const options = { severity: { SR007: 'off' as const } };
    const reference = await buildFixture('compiled', { workingDir: dir, format: 'cjs', plugin: options });
    const outDir = tempDir('sr-compiled-out-');
    const { default: webpack } = await import('webpack');
    const { snapshotRestore: webpackAdapter } = await import('../../plugin/unplugin/webpack.js');
    const stats = await new Promise<import('webpack').Stats>((resolve, reject) => {
      const compiler = webpack({
        mode: 'none',
        target: 'node',
        context: dir,
        entry: { handler: './src/handler.ts' },
        output: { path: outDir, filename: 'handler.cjs', libraryTarget: 'commonjs' },
        module: { rules: [{ test: /\.ts$/, loader: 'ts-loader', options: { transpileOnly: true } }] },
        resolve: { extensions: ['.ts', '.js'] },
        plugins: [webpackAdapter(options)],
      });
      compiler.run((error, result) => compiler.close(() => (error || !result ? reject(error) : resolve(result))));
    });
    expect(stats.compilation.errors.map(String)).toEqual([]);
    const manifest = JSON.parse(fs.readFileSync(path.join(outDir, 'snapshot-restore.manifest.json'), 'utf8')) as Manifest;
    expect(hookNames(reference.manifest!).afterRestore).toEqual(['a', 'x', 'b']);
    expect(hookNames(manifest)).toEqual(hookNames(reference.manifest!));
    const ran = await runPhases({ outDir, bundle: path.join(outDir, 'handler.cjs'), format: 'cjs' } as FixtureBuild);
    expect(ran).toEqual(hookNames(manifest));
  });

  it('Rollup + @rollup/plugin-commonjs: a library that requires a wrapper package is read, though its compiled code names neither', async () => {
    // node_modules/warm-lib requires @acme/hooks (a wrapper module given by package name), which
    // re-exports the runtime's register functions. After @rollup/plugin-commonjs the library's
    // code imports the resolved file of @acme/hooks; only the code the transform hook saw names it.
    const dir = tempDir('sr-library-');
    const files: Record<string, string> = {
      'src/handler.js': "import 'warm-lib';\nexport const handler = async () => 1;\n",
      'node_modules/warm-lib/package.json': JSON.stringify({ name: 'warm-lib', version: '1.0.0', main: 'index.js' }),
      'node_modules/warm-lib/index.js':
        "const { registerBeforeSnapshot, registerAfterRestore } = require('@acme/hooks');\nregisterBeforeSnapshot(function drainPool() {});\nregisterAfterRestore(function refillPool() {});\nmodule.exports = {};\n",
      'node_modules/@acme/hooks/package.json': JSON.stringify({ name: '@acme/hooks', version: '1.0.0', main: 'index.js' }),
      'node_modules/@acme/hooks/index.js':
        "const runtime = require('snapshot-restore');\nexports.registerBeforeSnapshot = runtime.registerBeforeSnapshot;\nexports.registerAfterRestore = runtime.registerAfterRestore;\n",
    };
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    const options = { modules: ['@acme/hooks'], severity: { SR007: 'off' as const } };
    const reference = await buildFixture('library', { workingDir: dir, format: 'cjs', plugin: options, entry: 'src/handler.js' });
    expect(hookNames(reference.manifest!)).toEqual({ beforeSnapshot: ['drainPool'], afterRestore: ['refillPool'] });
    const commonjs = (await import('@rollup/plugin-commonjs')).default as unknown as (options?: object) => RollupPlugin;
    const { nodeResolve } = await import('@rollup/plugin-node-resolve');
    const outDir = tempDir('sr-library-out-');
    const bundle = await rollup({
      input: path.join(dir, 'src/handler.js'),
      plugins: [
        { name: 'runtime', resolveId: (source: string) => (source === 'snapshot-restore' ? path.join(repoRoot, 'runtime/dist/esm/index.js') : null) },
        nodeResolve({ preferBuiltins: true }),
        commonjs(),
        rollupAdapter({ root: dir, ...options }),
      ],
      onLog: () => undefined,
    });
    await bundle.write({ format: 'cjs', dir: outDir, entryFileNames: 'handler.cjs' });
    await bundle.close();
    const manifest = JSON.parse(fs.readFileSync(path.join(outDir, 'snapshot-restore.manifest.json'), 'utf8')) as Manifest;
    expect(hookNames(manifest)).toEqual(hookNames(reference.manifest!));
    expect(await runPhases({ outDir, bundle: path.join(outDir, 'handler.cjs'), format: 'cjs' } as FixtureBuild)).toEqual(hookNames(manifest));
  });

  it('Rollup + @rollup/plugin-commonjs: a CommonJS module that requires the runtime is in the manifest, as in esbuild’s', async () => {
    const dir = project({
      'src/handler.js': [
        "import { registerAfterRestore } from 'snapshot-restore';",
        "import './warmup.js';",
        'registerAfterRestore(function last() {});',
        'export const handler = async () => 1;',
        '',
      ].join('\n'),
      'src/warmup.js': [
        "const { registerBeforeSnapshot, registerAfterRestore } = require('snapshot-restore');",
        'registerBeforeSnapshot(function coolDown() {});',
        'registerAfterRestore(function warmUp() {});',
        'module.exports = {};',
        '',
      ].join('\n'),
    });
    const options = { severity: { SR007: 'off' as const } };
    const reference = await buildFixture('compiled', { workingDir: dir, format: 'cjs', plugin: options });
    // The packages' types describe their CommonJS builds; Node loads their ES builds, whose default export is the plugin.
    const commonjs = (await import('@rollup/plugin-commonjs')).default as unknown as (options?: object) => RollupPlugin;
    const { nodeResolve } = await import('@rollup/plugin-node-resolve');
    const bundle = await rollup({
      input: path.join(dir, 'src/handler.js'),
      plugins: [nodeResolve({ preferBuiltins: true }), commonjs(), rollupAdapter({ root: dir, ...options })],
      onLog: () => undefined,
    });
    const { output } = await bundle.generate({ format: 'cjs', dir: tempDir('sr-compiled-out-') });
    await bundle.close();
    const asset = output.find((o) => o.fileName === 'snapshot-restore.manifest.json');
    const manifest = JSON.parse(String(asset && 'source' in asset ? asset.source : '')) as Manifest;
    expect(hookNames(reference.manifest!)).toEqual({ beforeSnapshot: ['coolDown'], afterRestore: ['warmUp', 'last'] });
    expect(hookNames(manifest)).toEqual(hookNames(reference.manifest!));
  });
});
