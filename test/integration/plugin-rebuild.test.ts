// Incremental builds: esbuild.context() rebuild() and watch() give the same answers as fresh
// builds (per-build state reset in onStart, content-keyed cache across rebuilds).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { copyFixture, diagnosticsOf, runtimeAlias, tempDir } from '../helpers/plugin-harness.js';
import { snapshotRestore, type Manifest } from '../../plugin/esbuild/index.js';

const INSIDE = '  registerAfterRestore(refreshToken);\n';

let context: esbuild.BuildContext | undefined;
afterEach(async () => {
  await context?.dispose();
  context = undefined;
});

/** An esbuild plugin whose onEnd (after the snapshot-restore plugin's) tells `until` a build finished. */
function buildEnds() {
  const waiting = new Set<() => void>();
  const plugin: esbuild.Plugin = {
    name: 'build-ends',
    setup(build) {
      build.onEnd(() => {
        for (const check of [...waiting]) check();
      });
    },
  };
  /** Resolves at the end of the first build after which `predicate` holds (now, if it already does). */
  const until = (predicate: () => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (!predicate()) return;
        waiting.delete(check);
        resolve();
      };
      waiting.add(check);
      check();
    });
  return { plugin, until };
}

async function contextFor(dir: string, outDir: string, extra: esbuild.Plugin[] = []) {
  context = await esbuild.context({
    absWorkingDir: dir,
    entryPoints: ['src/handler.ts'],
    outfile: path.join(outDir, 'handler.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    alias: runtimeAlias,
    logLevel: 'silent',
    // Hoisting off: these tests follow SR001 through edits (test/plugin-hoist.test.ts rebuilds with it).
    // SR001 and SR003 as warnings, so that each rebuild succeeds and writes its manifest.
    plugins: [snapshotRestore({ hoist: false, severity: { SR001: 'warning', SR003: 'warning' } }), ...extra],
  });
  return context;
}

const readManifest = (outDir: string) => JSON.parse(fs.readFileSync(path.join(outDir, 'snapshot-restore.manifest.json'), 'utf8')) as Manifest;

describe('rebuilds', () => {
  it('rebuild() follows edits: a fix clears the finding and updates the manifest; reverting brings it back', async () => {
    const dir = copyFixture('inside-handler');
    const outDir = tempDir();
    const file = path.join(dir, 'src/handler.ts');
    const original = fs.readFileSync(file, 'utf8');
    const ctx = await contextFor(dir, outDir);

    const first = await ctx.rebuild();
    expect(diagnosticsOf(first.warnings)).toEqual([{ code: 'SR001', file: 'src/handler.ts', line: 8, column: 2 }]);
    expect(readManifest(outDir).afterRestore).toEqual([]);

    // Same content: same answer (served from the cache), not doubled.
    const again = await ctx.rebuild();
    expect(diagnosticsOf(again.warnings)).toEqual(diagnosticsOf(first.warnings));

    const fixed = original.replace(INSIDE, '').replace('function refreshToken() {}\n', 'function refreshToken() {}\nregisterAfterRestore(refreshToken);\n');
    fs.writeFileSync(file, fixed);
    const second = await ctx.rebuild();
    expect(diagnosticsOf(second.warnings)).toEqual([]);
    expect(readManifest(outDir).afterRestore.map((h) => `${h.name}:${h.line}`)).toEqual(['refreshToken:6']);

    fs.writeFileSync(file, original);
    const third = await ctx.rebuild();
    expect(diagnosticsOf(third.warnings)).toEqual(diagnosticsOf(first.warnings));
    expect(readManifest(outDir).afterRestore).toEqual([]);
  });

  it('rebuild() forgets modules that left the bundle', async () => {
    const dir = copyFixture('lazy-load');
    const outDir = tempDir();
    const ctx = await contextFor(dir, outDir);
    expect(diagnosticsOf((await ctx.rebuild()).warnings).map((d) => d.code)).toEqual(['SR003', 'SR003']);
    const handler = path.join(dir, 'src/handler.ts');
    fs.writeFileSync(handler, fs.readFileSync(handler, 'utf8').replace("const { report } = await import('./reporting.js');", 'const report = () => 0;'));
    expect(diagnosticsOf((await ctx.rebuild()).warnings).map((d) => d.file)).toEqual(['src/router.ts']);
    expect(readManifest(outDir).lazy.map((l) => l.file)).toEqual(['src/audit.cjs']);
  });

  it('watch() rewrites the manifest after an edit', async () => {
    const dir = copyFixture('no-snapstart');
    const outDir = tempDir();
    const builds = buildEnds();
    const ctx = await contextFor(dir, outDir, [builds.plugin]);
    await ctx.watch();
    const manifestFile = path.join(outDir, 'snapshot-restore.manifest.json');
    await builds.until(() => fs.existsSync(manifestFile));
    expect(readManifest(outDir).diagnostics.map((d) => d.code)).toEqual(['SR007']);

    const file = path.join(dir, 'src/handler.ts');
    fs.writeFileSync(file, `import { snapStart } from 'snapshot-restore/lambda';\n${fs.readFileSync(file, 'utf8')}\nawait snapStart();\n`);
    await builds.until(() => readManifest(outDir).diagnostics.length === 0);
    expect(readManifest(outDir).afterRestore.map((h) => `${h.name}:${h.line}`)).toEqual(['reconnect:6']);
  });
});

describe('libraries in node_modules', () => {
  it('are scanned the same way: their init hooks are listed in order, without diagnostics', async () => {
    const dir = copyFixture('clean-esm');
    const pkg = path.join(dir, 'node_modules/fake-driver');
    fs.mkdirSync(pkg, { recursive: true });
    fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'fake-driver', type: 'module', main: 'index.js' }));
    fs.writeFileSync(
      path.join(pkg, 'index.js'),
      [
        "import { registerBeforeSnapshot, registerAfterRestore } from 'snapshot-restore';",
        'export function enableSnapStart(pool) { registerAfterRestore(() => pool.reset()); }',
        'function closeSockets() {}',
        'registerBeforeSnapshot(closeSockets);',
        'export const driver = { query: () => 1 };',
        '',
      ].join('\n'),
    );
    const handler = path.join(dir, 'src/handler.ts');
    fs.writeFileSync(handler, `import { driver } from 'fake-driver';\n${fs.readFileSync(handler, 'utf8')}\nexport const used = driver;\n`);
    const outDir = tempDir();
    const result = await esbuild.build({
      absWorkingDir: dir,
      entryPoints: ['src/handler.ts'],
      outfile: path.join(outDir, 'handler.mjs'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      alias: runtimeAlias,
      logLevel: 'silent',
      keepNames: true,
      plugins: [snapshotRestore()],
    });
    expect(diagnosticsOf(result.warnings)).toEqual([]);
    expect(readManifest(outDir).beforeSnapshot.map((h) => `${h.name} ${h.file}`)).toEqual([
      'LocalCache.clear src/cache.ts',
      'closeConnection src/db.ts',
      'closeSockets node_modules/fake-driver/index.js',
    ]);
  });
});
