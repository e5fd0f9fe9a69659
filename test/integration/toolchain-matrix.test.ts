// The toolchain matrix: one small Lambda function (fixtures/toolchains/app) built by each tool the
// way its own documentation or generator sets it up (fixtures/toolchains/<row>/: the tool's
// config files, and row.json saying how the tool runs them). For every row:
// - the manifest (hooks in order, lazy modules, findings with their places) equals the one the
//   esbuild plugin writes for the same source and format; rows whose tool cannot load a plugin
//   (CDK's NodejsFunction and SAM run the esbuild CLI) get theirs from `snapshot-restore manifest
//   --bundle --metafile` and equal esbuild's without hoisting, which is exactly what they cannot do;
// - the bundle runs: under the bootstrap (restore, then an invoke) and, for ES modules, as the
//   stock runtime runs it (`await snapStart()` ends the module), against the emulator; the
//   after-restore hooks run in the manifest's order.
// The project is installed as a user installs it: `snapshot-restore` a real folder in
// node_modules (not a workspace link, which Vite's SSR build would treat differently), the tools
// and the bundlers from this checkout. CommonJS rows build the same source without its last
// line (`await snapStart()` needs an ES module) and are deployed with the bootstrap, so they
// turn SR007 off as the docs say.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../plugin/core/index.js';
import { requireBuild, run, runBootstrap, type Running } from '../helpers/lifecycle.js';
import { buildFixture, repoRoot, tempDir } from '../helpers/plugin-harness.js';
import { runCommand } from '../helpers/run-cli.js';

const matrixDir = path.join(repoRoot, 'fixtures/toolchains');

interface Row {
  name: string;
  tool: 'esbuild-cli' | 'serverless-esbuild' | 'webpack' | 'rspack' | 'rollup' | 'vite' | 'tsup' | 'rolldown';
  what: string;
  /** The example whose configuration files the row builds with. */
  example?: string;
  format: 'esm' | 'cjs';
  bundle: string;
  config?: string;
  metafile?: string;
  args?: string[];
  options?: Record<string, unknown>;
}

const ROWS: Row[] = fs
  .readdirSync(matrixDir)
  .filter((name) => fs.existsSync(path.join(matrixDir, name, 'row.json')))
  .map((name) => ({ name, ...(JSON.parse(fs.readFileSync(path.join(matrixDir, name, 'row.json'), 'utf8')) as Omit<Row, 'name'>) }));

/** A build without a plugin cannot hoist (the esbuild CLI). */
const hoists = (row: Row) => row.tool !== 'esbuild-cli';

// ---- the project, installed ------------------------------------------------------------------

let nodeModules: string | undefined;

/** node_modules as an install has it: every package of this checkout linked, the runtime a real folder. */
function installedModules(): string {
  if (nodeModules) return nodeModules;
  const dir = path.join(tempDir('sr-matrix-modules-'), 'node_modules');
  fs.mkdirSync(dir);
  for (const entry of fs.readdirSync(path.join(repoRoot, 'node_modules'))) {
    if (entry === 'snapshot-restore' || entry === '.bin' || entry.startsWith('.')) continue;
    fs.symlinkSync(path.join(repoRoot, 'node_modules', entry), path.join(dir, entry));
  }
  fs.symlinkSync(repoRoot, path.join(dir, 'snapshot-restore-tools'));
  const runtime = path.join(dir, 'snapshot-restore');
  fs.mkdirSync(runtime);
  fs.copyFileSync(path.join(repoRoot, 'runtime/package.json'), path.join(runtime, 'package.json'));
  fs.cpSync(path.join(repoRoot, 'runtime/dist'), path.join(runtime, 'dist'), { recursive: true });
  nodeModules = dir;
  return dir;
}

/** The app in a fresh folder, for this format, with a row's config files. */
/** What an example has that is not its build's configuration. */
const EXAMPLE_OWN = new Set(['src', 'package.json', 'README.md', 'node_modules', 'dist']);

function project(format: 'esm' | 'cjs', row?: Row): string {
  const dir = tempDir(`sr-matrix-${row?.name ?? 'esbuild'}-`);
  fs.cpSync(path.join(matrixDir, 'app'), dir, { recursive: true });
  if (format === 'cjs') {
    const handler = path.join(dir, 'src/handler.ts');
    const source = fs.readFileSync(handler, 'utf8');
    fs.writeFileSync(handler, source.replace(/^import \{ snapStart \}.*\n/m, '').replace(/^await snapStart\(\);\n/m, ''));
  }
  if (row) {
    for (const file of fs.readdirSync(path.join(matrixDir, row.name))) {
      if (file !== 'row.json') fs.cpSync(path.join(matrixDir, row.name, file), path.join(dir, file), { recursive: true });
    }
    // A row from an example: its configuration files, with the matrix's app as the source.
    if (row.example) {
      for (const file of fs.readdirSync(path.join(repoRoot, row.example))) {
        if (!EXAMPLE_OWN.has(file)) fs.cpSync(path.join(repoRoot, row.example, file), path.join(dir, file), { recursive: true });
      }
    }
  }
  fs.symlinkSync(installedModules(), path.join(dir, 'node_modules'));
  return dir;
}

// ---- running the tools ------------------------------------------------------------------------

function spawnNode(args: string[], cwd: string, command = process.execPath): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(command, args, { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } }, (error, stdout, stderr) =>
      done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

const importConfig = async (dir: string, file: string) => (await import(pathToFileURL(path.join(dir, file)).href)).default;

interface RowBuild {
  dir: string;
  bundle: string;
  manifest?: Manifest;
  /** What the tool printed or returned as errors. */
  errors: string[];
  /** The tool's output with the findings, where it prints them. */
  output: string;
}

async function buildRow(row: Row): Promise<RowBuild> {
  const dir = project(row.format, row);
  const errors: string[] = [];
  let output = '';
  let manifestFile = path.join(dir, path.dirname(row.bundle), 'snapshot-restore.manifest.json');
  switch (row.tool) {
    case 'esbuild-cli': {
      // esbuild's own binary (bin/esbuild is the native executable once installed).
      const built = await spawnNode([...row.args!, '--log-level=warning'], dir, path.join(repoRoot, 'node_modules/esbuild/bin/esbuild'));
      if (built.code !== 0) errors.push(built.stderr);
      // The route the docs give these builds: the manifest of the bundle, from its metafile.
      const severity = row.format === 'cjs' ? ['--severity', 'SR007=off'] : [];
      const made = await runCommand(['manifest', '--bundle', row.bundle, '--metafile', row.metafile!, ...severity, '--outdir', path.dirname(row.bundle)], dir);
      if (made.code !== 0) errors.push(made.stderr);
      output = made.stderr;
      break;
    }
    case 'serverless-esbuild': {
      const esbuild = await import('esbuild');
      const plugins = (await importConfig(dir, 'plugins.js')) as import('esbuild').Plugin[];
      const result = await esbuild.build({ ...(row.options as import('esbuild').BuildOptions), absWorkingDir: dir, plugins, logLevel: 'silent' }).catch((e) => e);
      errors.push(...(result.errors ?? []).map((e: { text: string }) => e.text));
      output = [...(result.warnings ?? [])].map((w: { text: string }) => w.text).join('\n');
      break;
    }
    case 'webpack':
    case 'rspack': {
      const config = await importConfig(dir, row.config!);
      const create = row.tool === 'webpack' ? (await import('webpack')).default : (await import('@rspack/core')).rspack;
      const compiler = (create as (c: unknown) => { run(cb: (e: Error | null, s?: any) => void): void; close(cb: () => void): void })({
        ...config,
        infrastructureLogging: { level: 'error' },
      });
      const stats = await new Promise<any>((done, fail) =>
        compiler.run((error, result) => {
          compiler.close(() => undefined);
          if (error) fail(error);
          else done(result);
        }),
      );
      const json = stats.toJson({ all: false, errors: true, warnings: true });
      errors.push(...json.errors.map((e: { message: string }) => e.message));
      output = json.warnings.map((w: { message: string }) => w.message).join('\n');
      break;
    }
    case 'rollup':
    case 'rolldown': {
      const logs: string[] = [];
      const onLog = (level: string, log: { message: string }) => {
        if (level === 'warn') logs.push(log.message);
      };
      const cwd = process.cwd();
      try {
        // Run in the project, as their CLIs are: `input` and `output.dir` are relative to it, and
        // @rollup/plugin-typescript reads tsconfig.json from it when the config creates it.
        process.chdir(dir);
        const config = await importConfig(dir, row.config!);
        const bundle = row.tool === 'rollup' ? await (await import('rollup')).rollup({ ...config, onLog }) : await (await import('rolldown')).rolldown({ ...config, onLog });
        await bundle.write(config.output);
        await bundle.close();
      } catch (error) {
        errors.push((error as Error).message);
      } finally {
        process.chdir(cwd);
      }
      output = logs.join('\n');
      break;
    }
    case 'vite': {
      const { build } = await import('vite');
      const logs: string[] = [];
      try {
        await build({
          root: dir,
          configFile: path.join(dir, row.config!),
          logLevel: 'silent',
          build: {
            rollupOptions: {
              onLog: (level: string, log: { message: string }) => {
                if (level === 'warn') logs.push(log.message);
              },
            },
          },
        });
      } catch (error) {
        errors.push((error as Error).message);
      }
      output = logs.join('\n');
      break;
    }
    case 'tsup': {
      const built = await spawnNode([path.join(repoRoot, 'node_modules/tsup/dist/cli-default.js')], dir);
      if (built.code !== 0) errors.push(built.stderr);
      output = built.stderr;
      manifestFile = path.join(dir, path.dirname(row.bundle), 'snapshot-restore.manifest.json');
      break;
    }
  }
  return {
    dir,
    bundle: path.join(dir, row.bundle),
    errors,
    output,
    ...(fs.existsSync(manifestFile) ? { manifest: JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest } : {}),
  };
}

// ---- comparing --------------------------------------------------------------------------------

/** SR007 for a zip deploy: read from the row's own deploy configuration (template.yaml, serverless.yml), which the reference has not. */
const zipFindings = (manifest: Manifest | undefined) => (manifest?.diagnostics ?? []).filter((d) => d.code === 'SR007' && /deployed as a zip function/.test(d.text));

/** The manifest without what names the output (its file differs per tool by design), nor the zip finding. */
function comparable(manifest: Manifest | undefined) {
  if (!manifest) return undefined;
  manifest = { ...manifest, diagnostics: manifest.diagnostics.filter((d) => !zipFindings(manifest).includes(d)) };
  const hook = (h: Manifest['afterRestore'][number]) => ({ name: h.name, file: h.file, line: h.line, column: h.column });
  return {
    entryPoint: manifest.entryPoint,
    beforeSnapshot: manifest.beforeSnapshot.map(hook),
    afterRestore: manifest.afterRestore.map(hook),
    lazy: manifest.lazy,
    diagnostics: manifest.diagnostics.map((d) => ({ code: d.code, severity: d.severity, file: d.file, line: d.line, column: d.column })),
  };
}

const references = new Map<string, Promise<Manifest | undefined>>();
/** The esbuild plugin's manifest for the same source and format (built once per kind). */
function reference(format: 'esm' | 'cjs', hoist: boolean): Promise<Manifest | undefined> {
  const key = `${format}:${hoist}`;
  if (!references.has(key)) {
    const plugin = { hoist, ...(format === 'cjs' ? { severity: { SR007: 'off' as const } } : {}) };
    references.set(
      key,
      buildFixture('app', { workingDir: project(format), format, plugin }).then((b) => b.manifest),
    );
  }
  return references.get(key)!;
}

/** The HOOK lines the manifest predicts, in order. */
const predicted = (manifest: Manifest) => [...manifest.beforeSnapshot.map((h) => `before:${h.name}`), ...manifest.afterRestore.map((h) => `after:${h.name}`)];

// ---- the matrix -------------------------------------------------------------------------------

let running: Running | undefined;
beforeAll(() => requireBuild());
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe('the reference: the esbuild plugin on the app', () => {
  it('hoists the in-handler registration; without hoisting it is an SR001 error and its hook is not predicted', async () => {
    const hoisted = (await reference('esm', true))!;
    expect(predicted(hoisted)).toEqual(['before:drainPool', 'after:reconnectPool', 'after:refreshToken']);
    expect(hoisted.diagnostics.map((d) => [d.code, d.severity, d.file, d.line])).toEqual([['SR001', 'warning', 'src/handler.ts', 16]]);
    const notHoisted = (await reference('esm', false))!;
    expect(predicted(notHoisted)).toEqual(['before:drainPool', 'after:reconnectPool']);
    expect(notHoisted.diagnostics.map((d) => [d.code, d.severity])).toEqual([['SR001', 'error']]);
  });
});

for (const row of ROWS) {
  describe(`${row.name}: ${row.what}`, () => {
    let built: Promise<RowBuild> | undefined;
    const build = () => {
      built ??= buildRow(row);
      return built;
    };

    it(`the manifest equals esbuild's${hoists(row) ? '' : ' without hoisting (the tool cannot load a plugin)'}`, async () => {
      const result = await build();
      // A build without the plugin keeps SR001 an error: the manifest command still writes.
      expect(result.errors).toEqual([]);
      expect(result.manifest).toBeDefined();
      expect(comparable(result.manifest)).toEqual(comparable(await reference(row.format, hoists(row))));
      // A zip on nodejs2x.x gets no SnapStart: the rows whose configuration says so are told.
      expect(zipFindings(result.manifest).length > 0, 'SR007 for a zip deploy').toBe(['sam', 'serverless-esbuild'].includes(row.name));
      expect(fs.existsSync(result.bundle)).toBe(true);
    });

    it('under the bootstrap: restore, then an invoke; the hooks run in the manifest’s order', async () => {
      const result = await build();
      running = await runBootstrap(result.bundle, 'handler');
      await running.emulator.waitForRestoreNext();
      await running.emulator.restore();
      const invoked = await running.emulator.invoke({ orderId: 'o-1' });
      expect(invoked.payload).toEqual({ orderId: 'o-1', connected: true, restores: 1 });
      expect(running.hooks()).toEqual(predicted(result.manifest!));
    });

    if (row.format === 'esm') {
      it('on the stock runtime, `await snapStart()` drives the same hooks in the same order', async () => {
        const result = await build();
        running = await run([result.bundle]);
        await running.emulator.waitForRestoreNext();
        await running.emulator.restore();
        expect((await running.runtime.exited).code).toBe(0);
        expect(running.hooks()).toEqual(predicted(result.manifest!));
      });
    }
  });
}

describe('TypeScript: the latest 5 and the current major type-check the app against the installed runtime', () => {
  const compilers = [
    { name: 'typescript', bin: 'node_modules/typescript/bin/tsc' },
    { name: 'typescript7', bin: 'node_modules/typescript7/bin/tsc' },
  ];
  for (const compiler of compilers) {
    const version = JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules', compiler.name, 'package.json'), 'utf8')).version as string;
    it(`TypeScript ${version}: tsc --noEmit passes`, async () => {
      const checked = await spawnNode([path.join(repoRoot, compiler.bin), '-p', 'tsconfig.json', '--noEmit'], project('esm'));
      expect(checked.stdout + checked.stderr).toBe('');
      expect(checked.code).toBe(0);
    });
  }

  it('TypeScript 7 has no compiler API for ts-loader, @rollup/plugin-typescript or ts-jest: those rows build with TypeScript 5', async () => {
    const seven = (await import('typescript7')) as Record<string, unknown> & { default?: Record<string, unknown> };
    expect(seven.transpileModule ?? seven.default?.transpileModule).toBeUndefined();
    const five = (await import('typescript')).default;
    expect(typeof five.transpileModule).toBe('function');
  });
});

describe('docs/bundlers.md', () => {
  const docs = fs.readFileSync(path.join(repoRoot, 'docs/bundlers.md'), 'utf8');
  for (const row of ROWS.filter((r) => r.example && r.config)) {
    it(`shows ${row.example}/${row.config} as the matrix builds it`, () => {
      expect(docs).toContain(fs.readFileSync(path.join(repoRoot, row.example!, row.config!), 'utf8').trimEnd());
    });
  }
  it('shows the Rolldown row’s configuration', () => {
    expect(docs).toContain(fs.readFileSync(path.join(matrixDir, 'rolldown/rolldown.config.mjs'), 'utf8').trimEnd());
  });
  it('has a line for every row of the matrix', () => {
    for (const row of ROWS) expect(docs).toContain(`\`${row.name}\``);
  });
});

describe('ESLint flat config with typescript-eslint (fixtures/toolchains/eslint)', () => {
  it('reports the build’s per-module findings on the function’s code, and nothing on tests, configs or build scripts', async () => {
    const dir = project('esm', { name: 'eslint', tool: 'esbuild-cli', what: 'ESLint', format: 'esm', bundle: '' });
    const { ESLint } = await import('eslint');
    const results = await new ESLint({ cwd: dir }).lintFiles(['.']);
    const reported = results.flatMap((r) =>
      r.messages.map((m) => ({ file: path.relative(dir, r.filePath).split(path.sep).join('/'), rule: m.ruleId, line: m.line, column: m.column - 1 })),
    );
    // The same files with the rules on everywhere: the top-level Math.random() of each is reported.
    const unscoped = await new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [
        (await import('typescript-eslint')).default.configs.base,
        { ...(await import('../../plugin/eslint/index.js')).default.configs.recommended, files: ['**/*.{ts,mjs}'], ignores: [] },
      ],
    }).lintFiles(['.']);
    const everywhere = new Set(unscoped.filter((r) => r.messages.length > 0).map((r) => path.relative(dir, r.filePath).split(path.sep).join('/')));
    expect([...everywhere].sort()).toEqual(['build.mjs', 'src/handler.ts', 'test/handler.test.ts', 'vite.config.ts']);
    const esbuild = (await reference('esm', true))!.diagnostics.map((d) => ({ file: d.file, rule: 'snapshot-restore/registration-in-handler', line: d.line, column: d.column }));
    expect(reported).toEqual(esbuild);
  });
});
