// Builds the plugin fixtures (fixtures/plugin/*) with webpack, Rspack, Rollup and Vite and the
// snapshot-restore adapter for each, the way a user would configure them for a Lambda bundle
// (one ESM or CommonJS file, Node target, production mode without minifying so hook names stay
// readable), and returns the same shape as the esbuild harness (plugin-harness.ts), so that the
// findings and the manifest can be compared and the bundle run through the phases.
//
// TypeScript: webpack gets a small esbuild-transform loader (ts-loader.cjs), Rspack its built-in
// SWC loader, Rollup a small plugin that resolves `./x.js` to `./x.ts` and strips types with
// esbuild (what @rollup/plugin-typescript or rollup-plugin-esbuild do for users), Vite its own
// TypeScript resolution, with types stripped by esbuild (Oxc, Vite 8's default, leaves TC39
// decorators in place, and Node 20 cannot run them).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import * as esbuild from 'esbuild';
import { rspack, type Configuration as RspackConfiguration } from '@rspack/core';
import { rollup, type Plugin as RollupPlugin, type RollupLog } from 'rollup';
import { build as viteBuild } from 'vite';
import webpack, { type Configuration as WebpackConfiguration, type Stats } from 'webpack';
import { snapshotRestore as rollupPlugin } from '../../plugin/unplugin/rollup.js';
import { snapshotRestore as rspackPlugin } from '../../plugin/unplugin/rspack.js';
import { snapshotRestore as vitePlugin } from '../../plugin/unplugin/vite.js';
import { snapshotRestore as webpackPlugin } from '../../plugin/unplugin/webpack.js';
import type { AdapterOptions } from '../../plugin/unplugin/index.js';
import type { Manifest } from '../../plugin/core/index.js';
import { fixturesDir, repoRoot, runtimeAlias, tempDir, type Diagnostic } from './plugin-harness.js';

export type Bundler = 'webpack' | 'rspack' | 'rollup' | 'vite';
export const BUNDLERS: Bundler[] = ['webpack', 'rspack', 'rollup', 'vite'];

export interface BundlerBuild {
  bundler: Bundler;
  /** The plugin's findings, both kinds, reduced to code and place (file relative, line, 0-based column). */
  diagnostics: Diagnostic[];
  /** Error messages the build failed with (the bundler's own or the plugin's). */
  errors: string[];
  warnings: string[];
  manifest?: Manifest;
  outDir: string;
  bundle: string;
  format: 'esm' | 'cjs';
}

export interface BundlerBuildOptions {
  plugin?: AdapterOptions;
  format?: 'esm' | 'cjs';
  workingDir?: string;
  entry?: string;
  /** Extra configuration merged into the bundler's (webpack/Rspack). */
  webpack?: Record<string, unknown>;
}

function entryOf(workingDir: string, entry?: string): string {
  return entry ?? (fs.existsSync(path.join(workingDir, 'src/handler.ts')) ? 'src/handler.ts' : 'src/handler.js');
}

export async function buildWith(bundler: Bundler, fixture: string, options: BundlerBuildOptions = {}): Promise<BundlerBuild> {
  const workingDir = options.workingDir ?? path.join(fixturesDir, fixture);
  const outDir = tempDir(`sr-${bundler}-`);
  const format = options.format ?? 'esm';
  const fileName = format === 'esm' ? 'handler.mjs' : 'handler.cjs';
  const entry = entryOf(workingDir, options.entry);
  const base = { bundler, outDir, bundle: path.join(outDir, fileName), format } as const;
  const result =
    bundler === 'webpack' || bundler === 'rspack'
      ? await buildWebpackLike(bundler, workingDir, entry, outDir, fileName, format, options)
      : bundler === 'rollup'
        ? await buildRollup(workingDir, entry, outDir, fileName, format, options)
        : await buildVite(workingDir, entry, outDir, fileName, format, options);
  const manifestFile = path.join(outDir, 'snapshot-restore.manifest.json');
  return {
    ...base,
    ...result,
    manifest: fs.existsSync(manifestFile) ? (JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest) : undefined,
  };
}

// ---- webpack, Rspack ------------------------------------------------------------------------

/** A warning or error as the stats JSON gives it (`loc` is `line:column`). */
interface StatsError {
  message: string;
  file?: string;
  loc?: string;
}

function webpackDiagnostics(messages: StatsError[]): Diagnostic[] {
  return messages.flatMap((m) => {
    // Rspack prints its own mark before the message (`  ⚠ [SR001] ...`).
    const code = /^\W*\[(SR\d{3})\]/u.exec(m.message)?.[1];
    if (!code) return [];
    const [line, column] = (m.loc ?? '').split(/[:-]/).map(Number);
    return [{ code, file: m.file, line, column }];
  });
}

async function buildWebpackLike(
  bundler: 'webpack' | 'rspack',
  workingDir: string,
  entry: string,
  outDir: string,
  fileName: string,
  format: 'esm' | 'cjs',
  options: BundlerBuildOptions,
): Promise<Omit<BundlerBuild, 'bundler' | 'outDir' | 'bundle' | 'format' | 'manifest'>> {
  const alias = Object.fromEntries(Object.entries(runtimeAlias).map(([name, file]) => [`${name}$`, file]));
  const legacy =
    fs.existsSync(path.join(workingDir, 'tsconfig.json')) && fs.readFileSync(path.join(workingDir, 'tsconfig.json'), 'utf8').includes('"experimentalDecorators": true');
  const tsRule =
    bundler === 'webpack'
      ? { test: /\.ts$/, exclude: /node_modules/, loader: path.join(repoRoot, 'test/helpers/ts-loader.cjs'), options: { root: workingDir } }
      : {
          test: /\.ts$/,
          exclude: /node_modules/,
          loader: 'builtin:swc-loader',
          options: {
            jsc: {
              parser: { syntax: 'typescript', decorators: true },
              transform: legacy ? { legacyDecorator: true } : { decoratorVersion: '2022-03' },
              target: 'es2022',
              keepClassNames: true,
            },
          },
        };
  const config = {
    context: workingDir,
    mode: 'production',
    target: 'node20',
    entry: `./${entry}`,
    devtool: false,
    output:
      format === 'esm'
        ? { path: outDir, filename: fileName, module: true, library: { type: 'module' }, chunkFormat: 'module' }
        : { path: outDir, filename: fileName, library: { type: 'commonjs2' } },
    experiments: format === 'esm' ? { outputModule: true } : {},
    optimization: { minimize: false },
    resolve: { extensions: ['.ts', '.js', '.cjs', '.mjs'], extensionAlias: { '.js': ['.ts', '.js'] }, alias },
    module: { rules: [tsRule] },
    plugins: [bundler === 'webpack' ? webpackPlugin(options.plugin) : rspackPlugin(options.plugin)],
    infrastructureLogging: { level: 'error' },
    ...options.webpack,
  };
  const compiler = bundler === 'webpack' ? webpack(config as WebpackConfiguration) : rspack(config as RspackConfiguration);
  const stats = await new Promise<Stats>((done, fail) =>
    (compiler as webpack.Compiler).run((error, result) => {
      (compiler as webpack.Compiler).close(() => undefined);
      if (error) fail(error);
      else done(result!);
    }),
  );
  const json = stats.toJson({ all: false, errors: true, warnings: true }) as { errors?: StatsError[]; warnings?: StatsError[] };
  // Rspack colours its messages when CI is set (its colour check reads env.CI): compare the text.
  const plain = (list: StatsError[] | undefined) => (list ?? []).map((e) => ({ ...e, message: stripVTControlCharacters(e.message) }));
  const errors = plain(json.errors);
  const warnings = plain(json.warnings);
  return {
    diagnostics: webpackDiagnostics([...errors, ...warnings]),
    errors: errors.map((e) => e.message),
    warnings: warnings.map((e) => e.message),
  };
}

// ---- Rollup, Vite ---------------------------------------------------------------------------

/** For Rollup in the tests: the package's names to its sources, `./x.js` to `./x.ts`, types stripped with esbuild. */
export function typescriptForRollup(workingDir: string): RollupPlugin {
  const tsconfig = path.join(workingDir, 'tsconfig.json');
  const tsconfigRaw = fs.existsSync(tsconfig) ? fs.readFileSync(tsconfig, 'utf8') : '{}';
  return {
    name: 'test-typescript',
    resolveId(source, importer) {
      if (runtimeAlias[source]) return runtimeAlias[source];
      if (!importer || !(source.startsWith('.') || path.isAbsolute(source))) return null;
      const file = path.resolve(path.dirname(importer), source);
      for (const candidate of [file, file.replace(/\.js$/, '.ts'), `${file}.ts`, `${file}.js`, path.join(file, 'index.ts')]) {
        if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
      }
      return null;
    },
    async transform(code, id) {
      if (!/\.ts$/.test(id)) return null;
      const result = await esbuild.transform(code, { loader: 'ts', target: 'node20', keepNames: true, sourcemap: 'external', sourcefile: id, tsconfigRaw });
      return { code: result.code, map: result.map };
    },
  };
}

function rollupDiagnostics(logs: RollupLog[], workingDir: string): Diagnostic[] {
  return logs.flatMap((log) => {
    const code = log.pluginCode;
    if (typeof code !== 'string' || !/^SR\d{3}$/.test(code)) return [];
    const file = log.loc?.file ? path.relative(workingDir, log.loc.file).split(path.sep).join('/') : undefined;
    return [{ code, file, line: log.loc?.line, column: log.loc?.column }];
  });
}

async function buildRollup(
  workingDir: string,
  entry: string,
  outDir: string,
  fileName: string,
  format: 'esm' | 'cjs',
  options: BundlerBuildOptions,
): Promise<Omit<BundlerBuild, 'bundler' | 'outDir' | 'bundle' | 'format' | 'manifest'>> {
  const logs: RollupLog[] = [];
  const errors: string[] = [];
  try {
    const bundle = await rollup({
      input: path.join(workingDir, entry),
      plugins: [rollupPlugin({ root: workingDir, ...options.plugin }), typescriptForRollup(workingDir)],
      onLog: (level, log) => {
        if (level === 'warn') logs.push(log);
      },
    });
    await bundle.write({ dir: outDir, entryFileNames: fileName, format: format === 'esm' ? 'es' : 'cjs' });
    await bundle.close();
  } catch (error) {
    const failure = error as RollupLog & Error;
    errors.push(failure.message);
    if (failure.pluginCode) logs.push(failure);
  }
  return { diagnostics: rollupDiagnostics(logs, workingDir), errors, warnings: logs.map((l) => l.message) };
}

async function buildVite(
  workingDir: string,
  entry: string,
  outDir: string,
  fileName: string,
  format: 'esm' | 'cjs',
  options: BundlerBuildOptions,
): Promise<Omit<BundlerBuild, 'bundler' | 'outDir' | 'bundle' | 'format' | 'manifest'>> {
  const logs: RollupLog[] = [];
  const errors: string[] = [];
  try {
    await viteBuild({
      root: workingDir,
      configFile: false,
      logLevel: 'silent',
      resolve: { alias: Object.entries(runtimeAlias).map(([name, file]) => ({ find: new RegExp(`^${name}$`), replacement: file })) },
      // Vite's own TypeScript transform (Oxc) does not lower TC39 decorators, which Node 20
      // cannot run: the fixtures are transformed with esbuild instead, as for Rollup.
      oxc: false,
      plugins: [vitePlugin(options.plugin), { ...typescriptForRollup(workingDir), resolveId: undefined }],
      build: {
        ssr: path.join(workingDir, entry),
        outDir,
        emptyOutDir: false,
        minify: false,
        target: 'node20',
        rollupOptions: {
          output: { format: format === 'esm' ? 'es' : 'cjs', entryFileNames: fileName },
          onLog: (level: string, log: RollupLog) => {
            if (level === 'warn') logs.push(log);
          },
        },
      },
      ssr: { noExternal: true },
    });
  } catch (error) {
    const failure = error as RollupLog & Error;
    errors.push(failure.message);
    if (failure.pluginCode) logs.push(failure);
  }
  return { diagnostics: rollupDiagnostics(logs, workingDir), errors, warnings: logs.map((l) => l.message) };
}
