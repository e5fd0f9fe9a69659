// Hoisting: registrations and lazy imports of hook modules written in the handler body move to
// module top level when provably safe, the build says so, and the hoisted bundle runs the hooks
// in the order the manifest predicts. Anything else is left alone and reported with the reason.
import * as fs from 'node:fs';
import { SourceMap } from 'node:module';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { buildFixture, copyFixture, diagnosticsOf, repoRoot, runPhases, runtimeAlias, tempDir } from '../helpers/plugin-harness.js';
import { checkBuild, planHoist } from '../../plugin/core/index.js';
import { snapshotRestore, type Manifest } from '../../plugin/esbuild/index.js';

const hoistDir = (name: string) => path.join(repoRoot, 'fixtures/hoist', name);
// The fixtures also hold registrations that cannot be hoisted (SR001, an error by default):
// they are kept as warnings here so that the bundle is written and can be run.
const KEEP_BUILDING = { severity: { SR001: 'warning', SR003: 'warning' } } as const;
const build = (name: string, options: Parameters<typeof buildFixture>[1] = {}) =>
  buildFixture(name, { workingDir: hoistDir(name), ...options, plugin: { ...KEEP_BUILDING, ...options.plugin } });
const names = (m: Manifest | undefined) => ({
  beforeSnapshot: m!.beforeSnapshot.map((h) => h.name),
  afterRestore: m!.afterRestore.map((h) => h.name),
});

describe('hoisting (on by default)', () => {
  it('moves safe registrations and a hook module import out of the handler; the bundle runs them in the predicted order', async () => {
    const result = await build('basic');
    expect(result.errors).toEqual([]);
    // esbuild's own "ignoring this import" warning would mean the hoisted import was dropped
    // ("sideEffects": false in the fixture's package.json): it must not appear.
    expect(result.warnings.filter((w) => w.pluginName !== 'snapshot-restore')).toEqual([]);
    expect(names(result.manifest)).toEqual({
      beforeSnapshot: ['closePool'],
      afterRestore: ['fromHooksModule', 'topLevel', 'refreshToken', 'logSettings', 'bound reseed', 'renewLater', 'afterHandler'],
    });
    expect(await runPhases(result)).toEqual(names(result.manifest));
  });

  it('by default the build fails on the SR001s it could not hoist, and not on those it hoisted', async () => {
    const result = await buildFixture('basic', { workingDir: hoistDir('basic') });
    const lines = (messages: esbuild.Message[], code: string) => messages.filter((m) => m.id === code).map((m) => m.location?.line);
    expect(lines(result.errors, 'SR001')).toEqual([23, 24, 26, 29]);
    expect(result.errors.every((e) => !e.text.includes('; the build hoisted it.'))).toBe(true);
    expect(lines(result.warnings, 'SR001')).toEqual([13, 14, 15, 18, 19]);
    expect(lines(result.warnings, 'SR003')).toEqual([20]);
    expect(result.warnings.filter((w) => w.pluginName === 'snapshot-restore').every((w) => w.text.includes('; the build hoisted it.'))).toBe(true);
  });

  it('a handler whose registrations were all hoisted builds with no error', async () => {
    const result = await buildFixture('cjs', { workingDir: hoistDir('cjs'), format: 'cjs', entry: 'src/handler.js', plugin: { severity: { SR007: 'off' } } });
    expect(result.errors).toEqual([]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['SR003', 'SR001']);
  });

  it('reports each hoisted registration as SR001 "hoisted" at its original place, with a note at the new one', async () => {
    const result = await build('basic');
    const hoisted = result.warnings.filter((w) => w.text.includes('; the build hoisted it.')).sort((a, b) => a.location!.line - b.location!.line);
    expect(hoisted.map((w) => [w.id, w.location?.line, w.notes[0]?.location?.line])).toEqual([
      ['SR001', 13, 33],
      ['SR001', 14, 33],
      ['SR001', 15, 33],
      ['SR001', 18, 33],
      ['SR001', 19, 36], // refers to a const declared after the handler: placed after that declaration
      ['SR003', 20, 3], // the import goes after the last import statement
    ]);
    const first = hoisted.find((w) => w.location?.line === 13)!;
    expect(first.text).toBe(
      '[SR001] `registerAfterRestore(refreshToken)` is inside the handler `handler`; the build hoisted it. The handler runs after the snapshot; the build moved it to module top level, after line 33, so the hook registers at init. Rule page: https://github.com/snapshot-restore/snapshot-restore/blob/main/docs/rules/SR001.md',
    );
    expect(first.notes[0]).toMatchObject({ text: 'The build placed it here, at module top level.', location: { file: 'src/handler.ts', line: 33, lineText: '};' } });
    expect(first.location?.suggestion).toBe('move `registerAfterRestore(refreshToken)` to module top level in the source too');
    const lazy = hoisted.at(-1)!;
    expect(lazy.text).toContain('./hooks.js was loaded lazily inside the handler; the build hoisted it.');
    expect(lazy.location?.suggestion).toBe("write `import './hooks.js';` at module top level in the source too");
  });

  it('leaves registrations in a condition, a loop, a try, or closing over handler locals, and says why', async () => {
    const result = await build('basic');
    const left = result.warnings.filter((w) => w.id === 'SR001' && !w.text.includes('; the build hoisted it.'));
    expect(left.map((w) => [w.location?.line, w.notes.find((n) => n.text.startsWith('Not hoisted'))?.text])).toEqual([
      [23, 'Not hoisted automatically: it is inside a condition, so it does not run on every invoke.'],
      [24, 'Not hoisted automatically: it is inside a loop.'],
      [26, 'Not hoisted automatically: it is inside a `try`, whose error handling would be lost.'],
      [29, 'Not hoisted automatically: it refers to `requestId`, a local of the handler, which does not exist at module scope.'],
    ]);
  });

  it('CommonJS: require() of a hook module and a registration become top-level code after the handler', async () => {
    const result = await build('cjs', { format: 'cjs', entry: 'src/handler.js', plugin: { severity: { SR007: 'off' } } });
    expect(result.diagnostics).toEqual([
      { code: 'SR003', file: 'src/handler.js', line: 6, column: 2 },
      { code: 'SR001', file: 'src/handler.js', line: 7, column: 2 },
    ]);
    expect(names(result.manifest).afterRestore).toEqual(['fromHooksModule', 'refreshToken', 'lastTopLevel']);
    expect(await runPhases(result)).toEqual(names(result.manifest));
  });

  it('a handler defined in a module other than the entry point is not hoisted, and the finding says so', async () => {
    const result = await build('other-module');
    expect(result.diagnostics).toEqual([{ code: 'SR001', file: 'src/app.ts', line: 6, column: 2 }]);
    expect(result.warnings[0]!.notes.map((n) => n.text)).toContain(
      'Not hoisted automatically: the handler is not in an entry point of the build, and hoisting only transforms entry points.',
    );
    expect(names(result.manifest).afterRestore).toEqual([]);
  });

  it('a lazily imported module without hooks stays lazy, and the entry is not transformed', async () => {
    const on = await build('keep-lazy');
    const off = await build('keep-lazy', { plugin: { hoist: false } });
    expect(on.diagnostics).toEqual([]);
    expect(fs.readFileSync(on.bundle, 'utf8')).toBe(fs.readFileSync(off.bundle, 'utf8'));
    expect(fs.readFileSync(on.bundle, 'utf8')).toContain('Promise.resolve().then(() => (init_report(), report_exports))');
  });

  it('hoist: false leaves every registration where it is', async () => {
    const result = await build('basic', { plugin: { hoist: false } });
    expect(result.warnings.some((w) => w.text.includes('hoisted'))).toBe(false);
    expect(names(result.manifest).afterRestore).toEqual(['topLevel', 'afterHandler']);
    expect(await runPhases(result)).toEqual(names(result.manifest));
  });

  it('the moved code keeps its original position in the source map; the loader stays ts', async () => {
    const result = await build('basic', { esbuild: { sourcemap: true } });
    const code = fs.readFileSync(result.bundle, 'utf8');
    const map = new SourceMap(JSON.parse(fs.readFileSync(`${result.bundle}.map`, 'utf8')));
    const lines = code.split('\n');
    const line = lines.findIndex((l) => l.startsWith('registerAfterRestore(refreshToken)'));
    expect(line).toBeGreaterThan(0);
    const entry = map.findEntry(line, 0) as { originalSource: string; originalLine: number; originalColumn: number };
    expect(entry.originalSource).toMatch(/src\/handler\.ts$/);
    expect([entry.originalLine + 1, entry.originalColumn]).toEqual([13, 2]);
    // TypeScript syntax in the entry (the parameter type) was compiled: the loader was kept.
    expect(code).not.toContain('event: {');
  });

  it('rebuild(): the hoisting state is per build', async () => {
    const dir = copyFixture('../hoist/basic');
    const outDir = tempDir();
    const context = await esbuild.context({
      absWorkingDir: dir,
      entryPoints: ['src/handler.ts'],
      outfile: path.join(outDir, 'handler.mjs'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      alias: runtimeAlias,
      logLevel: 'silent',
      plugins: [snapshotRestore(KEEP_BUILDING)],
    });
    try {
      const hoistedCount = (r: esbuild.BuildResult) => r.warnings.filter((w) => w.text.includes('; the build hoisted it.')).length;
      expect(hoistedCount(await context.rebuild())).toBe(6);
      const file = path.join(dir, 'src/handler.ts');
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('  registerAfterRestore(refreshToken);\n  registerBeforeSnapshot', '  registerBeforeSnapshot'));
      const second = await context.rebuild();
      expect(hoistedCount(second)).toBe(5);
      expect(diagnosticsOf(second.warnings).filter((d) => d.line === 13)).toEqual([{ code: 'SR001', file: 'src/handler.ts', line: 13, column: 2 }]);
    } finally {
      await context.dispose();
    }
  });

  it('checkBuild on a plain build (no plugin) says the plugin would hoist it', async () => {
    const workingDir = hoistDir('basic');
    const plain = await esbuild.build({
      absWorkingDir: workingDir,
      entryPoints: ['src/handler.ts'],
      outfile: path.join(tempDir(), 'handler.mjs'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      alias: runtimeAlias,
      metafile: true,
      logLevel: 'silent',
    });
    const { findings } = checkBuild({ metafile: plain.metafile, workingDir });
    const at13 = findings.find((f) => f.code === 'SR001' && f.location?.line === 13)!;
    expect(at13.text).toContain('the hook is never registered in time');
    expect(at13.notes.map((n) => n.text)).toContain(
      'Safe to move to module top level: a build with a snapshot-restore bundler plugin (option `hoist`) moves it itself; a build that takes no plugin (CDK NodejsFunction, SAM) needs it moved in the source.',
    );
  });
});

describe('planHoist (pure)', () => {
  const plan = (body: string, tail = '') =>
    planHoist(
      `import { registerAfterRestore } from 'snapshot-restore';\nimport { snapStart } from 'snapshot-restore/lambda';\nfunction f() {}\nexport async function handler(event) {\n${body}\n}\n${tail}`,
      '/src/handler.ts',
      { defaultExportIsHandler: true },
    );
  const reasons = (body: string, tail?: string) => plan(body, tail).registrations.map((r) => r.reason ?? 'hoisted');

  it('hoists a plain statement and says where it goes', () => {
    const p = plan('  registerAfterRestore(f);');
    expect(p.registrations).toMatchObject([{ hoisted: true, text: 'registerAfterRestore(f);', location: { line: 5, column: 2 } }]);
    expect(p.insertLine).toBe(6);
  });

  it('refuses, with a reason, everything not provably safe', () => {
    expect(reasons('  if (event.x) return;\n  registerAfterRestore(f);')).toEqual(['a statement before it can leave the handler early, so it does not run on every invoke']);
    expect(reasons('  registerAfterRestore(this.f);')).toEqual(['it uses `this` of the handler']);
    expect(reasons('  registerAfterRestore(await event.f);')).toEqual(['it waits (`await`) inside the handler']);
    expect(reasons('  const g = registerAfterRestore(f);')).toEqual(['its result is used, so it is not a statement of its own']);
    expect(reasons('  registerAfterRestore(() => event);')).toEqual(['it refers to `event`, a local of the handler, which does not exist at module scope']);
    expect(reasons('  registerAfterRestore(late);', 'await snapStart();\nconst late = () => {};')).toEqual(['it would have to run after the module calls `snapStart()`']);
    expect(reasons('  items.forEach(() => registerAfterRestore(f));')).toEqual([]); // SR002, not SR001: not a candidate
  });

  it('allows globals, literals, inline functions with their own parameters, and arrows using the module this', () => {
    expect(reasons('  registerAfterRestore((x) => console.log(x, "restored", 1));')).toEqual(['hoisted']);
  });

  it('lazy imports: statements directly in the body are candidates; nested ones are not', () => {
    const p = plan("  await import('./a.js');\n  const { b } = await import('./b.js');\n  if (event.c) await import('./c.js');\n  return require('./d.js');");
    expect(p.imports.map((i) => [i.specifier, i.hoisted, i.eagerKind ?? i.reason])).toEqual([
      ['./a.js', true, 'import-statement'],
      ['./b.js', true, 'import-statement'],
      ['./c.js', false, 'it is inside a condition, so it does not run on every invoke'],
      ['./d.js', false, 'it is part of a larger expression'],
    ]);
  });
});
