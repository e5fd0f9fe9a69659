// Each fixture is a small project built with the real esbuild and the plugin: the exact
// diagnostics (code and place) and the manifest.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { buildFixture, fixturesDir, runtimeAlias } from '../helpers/plugin-harness.js';
import { snapshotRestore } from '../../plugin/esbuild/index.js';

const hooks = (list: Array<{ name: string; file: string; line: number }> | undefined) => (list ?? []).map((h) => `${h.name} ${h.file}:${h.line}`);

describe('clean projects: no false alarms', () => {
  it('a realistic multi-module handler produces no diagnostics and the full manifest', async () => {
    const build = await buildFixture('clean-esm');
    expect(build.diagnostics).toEqual([]);
    expect(build.manifest).toMatchObject({ version: 1, generator: 'snapshot-restore', entryPoint: 'src/handler.ts', lazy: [], diagnostics: [] });
    expect(hooks(build.manifest?.beforeSnapshot)).toEqual(['LocalCache.clear src/cache.ts:6', 'closeConnection src/db.ts:19']);
    expect(hooks(build.manifest?.afterRestore)).toEqual(['reconnect src/db.ts:20', 'LocalCache.warm src/cache.ts:11', 'resetMetrics src/metrics.cjs:9']);
    expect(build.manifest?.beforeSnapshot[1]).toEqual({
      name: 'closeConnection',
      expression: 'closeConnection',
      file: 'src/db.ts',
      line: 19,
      column: 0,
      kind: 'call',
    });
    expect(build.manifest?.beforeSnapshot[0]).toMatchObject({ kind: 'decorator', column: 2 });
  });

  it('a bundle pulling in @aws-sdk/client-s3 and client-dynamodb produces no diagnostics', async () => {
    const build = await buildFixture('aws-sdk');
    expect(build.errors).toEqual([]);
    expect(build.diagnostics).toEqual([]);
    expect(hooks(build.manifest?.beforeSnapshot)).toEqual(['destroyClients src/handler.ts:20']);
    expect(hooks(build.manifest?.afterRestore)).toEqual(['createClients src/handler.ts:21']);
    expect(build.manifest?.lazy).toEqual([]);
  });
});

describe('diagnostics', () => {
  it('SR001: a registration inside the handler (through a wrapper), with a note at the export', async () => {
    // Without hoisting (see test/plugin-hoist.test.ts for the default).
    const build = await buildFixture('inside-handler', { plugin: { hoist: false } });
    expect(build.diagnostics).toEqual([{ code: 'SR001', file: 'src/handler.ts', line: 8, column: 2 }]);
    // A hook that can never run: an error by default, so the build fails.
    expect(build.warnings).toEqual([]);
    const [message] = build.errors;
    expect(message!.text).toBe(
      '[SR001] `registerAfterRestore(refreshToken)` is inside the handler `handler`: the hook never runs. The handler runs at invoke time, after the snapshot, so the hook is never registered in time. Rule page: https://github.com/snapshot-restore/snapshot-restore/blob/main/docs/rules/SR001.md',
    );
    expect(message!.location).toMatchObject({
      lineText: '  registerAfterRestore(refreshToken);',
      length: 'registerAfterRestore'.length,
      suggestion: 'move `registerAfterRestore(refreshToken)` to module top level, outside `handler`',
    });
    expect(message!.notes[0]).toMatchObject({ text: 'The handler `handler` is exported here.', location: { file: 'src/handler.ts', line: 7, column: 0 } });
    expect(build.manifest?.afterRestore).toEqual([]);
    expect(build.manifest?.diagnostics).toEqual([{ code: 'SR001', severity: 'error', text: message!.text, file: 'src/handler.ts', line: 8, column: 2 }]);
  });

  it('SR002: a registration only the handler reaches (CommonJS module.exports = { handler })', async () => {
    const build = await buildFixture('invoke-only', { format: 'cjs' });
    expect(build.diagnostics).toEqual([{ code: 'SR002', file: 'src/handler.js', line: 6, column: 2 }]);
    expect(build.warnings[0]!.notes.map((n) => [n.text, n.location?.line])).toEqual([
      ['It is reached from the handler through this call.', 10],
      ['The handler `handler` is exported here.', 14],
    ]);
    // esbuild prints the suggestion once, under the code frame (not again as a note).
    expect(build.warnings[0]!.location?.suggestion).toBe('register the hook at module top level, or call the code that registers it from module top level');
  });

  it('SR003: modules that register hooks but load lazily, excluded from the lists and reported', async () => {
    const build = await buildFixture('lazy-load');
    expect(build.diagnostics).toEqual([
      { code: 'SR003', file: 'src/router.ts', line: 2, column: 16 },
      { code: 'SR003', file: 'src/handler.ts', line: 6, column: 29 },
    ]);
    expect(build.warnings).toEqual([]); // SR003: errors by default
    const telemetry = build.errors.find((w) => w.text.includes('telemetry'))!;
    expect(telemetry.text).toBe(
      '[SR003] src/telemetry.ts is loaded lazily inside the handler: its hooks never run. It registers hooks, but `import()` inside the handler loads it at invoke time, after the snapshot. Rule page: https://github.com/snapshot-restore/snapshot-restore/blob/main/docs/rules/SR003.md',
    );
    expect(telemetry.notes.map((n) => [n.text, n.location?.file, n.location?.line])).toEqual([
      ['It registers `flushTelemetry` here.', 'src/telemetry.ts', 14],
      ['The handler is exported here.', 'src/handler.ts', 4],
      ['Not hoisted automatically: it is inside a condition, so it does not run on every invoke.', undefined, undefined],
    ]);
    expect(telemetry.location?.suggestion).toBe("import it at module top level: `import './reporting.js';`");
    expect(build.manifest?.beforeSnapshot).toEqual([]);
    expect(build.manifest?.afterRestore).toEqual([]);
    expect(build.manifest?.lazy.map((l) => [l.file, l.importer, l.kind, l.line, l.hooks.map((h) => h.name)])).toEqual([
      ['src/audit.cjs', 'src/router.ts', 'require-call', 2, ['rotateAuditLog']],
      ['src/telemetry.ts', 'src/handler.ts', 'dynamic-import', 6, ['flushTelemetry']],
    ]);
  });

  it('SR004: a file matching `include` that registers hooks but is not imported', async () => {
    const build = await buildFixture('not-in-bundle', { plugin: { include: 'src/**/*.ts' } });
    expect(build.diagnostics).toEqual([{ code: 'SR004', file: 'src/hooks/metrics.ts', line: 5, column: 0 }]);
    expect(build.warnings[0]!.location?.suggestion).toBe("import it from the handler module: `import './hooks/metrics.js';`");
    // Without the option the plugin cannot know about files nothing imports.
    expect((await buildFixture('not-in-bundle')).diagnostics).toEqual([]);
  });

  it('SR004: a hook module imported for its side effects but tree-shaken ("sideEffects": false)', async () => {
    const build = await buildFixture('side-effects-free');
    expect(build.diagnostics).toEqual([{ code: 'SR004', file: 'src/hooks/connections.ts', line: 5, column: 0 }]);
    const ours = build.warnings.find((w) => w.pluginName === 'snapshot-restore')!;
    expect(ours.notes[0]).toMatchObject({ text: 'It is imported here by src/handler.ts.', location: { line: 2 } });
    // esbuild says so too, from its side: the import is ignored.
    expect(build.warnings.some((w) => w.pluginName === '' && w.text.includes('marked as having no side effects'))).toBe(true);
    expect(hooks(build.manifest?.afterRestore)).toEqual([]);
    expect(hooks(build.manifest?.beforeSnapshot)).toEqual(['flushMetrics src/hooks/metrics.ts:5']);
  });

  it('SR005: computed member calls, aliases through objects, eval, and registrations whose timing is unknown', async () => {
    const build = await buildFixture('unresolvable');
    expect(build.diagnostics).toEqual([
      { code: 'SR005', file: 'src/handler.ts', line: 7, column: 0 },
      { code: 'SR005', file: 'src/handler.ts', line: 8, column: 27 },
      { code: 'SR005', file: 'src/handler.ts', line: 10, column: 0 },
      { code: 'SR005', file: 'src/handler.ts', line: 13, column: 2 },
    ]);
    const texts = build.warnings.filter((w) => w.pluginName).map((w) => w.text);
    expect(texts).toEqual([
      '[SR005] cannot resolve a registration, so its hook may never run. Why: computed member access `sr[...]` on the runtime module: the analysis cannot tell which function is called. Rule page: https://github.com/snapshot-restore/snapshot-restore/blob/main/docs/rules/SR005.md',
      '[SR005] cannot resolve a registration, so its hook may never run. Why: `registerAfterRestore` is used as a value here (stored, passed on or reassigned), so the analysis cannot see where it is called. Rule page: https://github.com/snapshot-restore/snapshot-restore/blob/main/docs/rules/SR005.md',
      '[SR005] cannot resolve a registration, so its hook may never run. Why: code run through `eval` / `new Function` may register hooks the analysis cannot see. Rule page: https://github.com/snapshot-restore/snapshot-restore/blob/main/docs/rules/SR005.md',
      '[SR005] cannot tell when `registerAfterRestore(refresh)` runs, so its hook may never run. Why: it is in `setupTracing`, which is exported: the analysis follows calls within a module only, so it cannot tell when other modules call it. Rule page: https://github.com/snapshot-restore/snapshot-restore/blob/main/docs/rules/SR005.md',
    ]);
    expect(build.manifest?.afterRestore).toEqual([]);
  });

  it('SR006: an instance-method hook on a class constructed in the handler; one constructed at init is fine', async () => {
    const build = await buildFixture('instance-decorator');
    expect(build.diagnostics).toEqual([{ code: 'SR006', file: 'src/handler.ts', line: 5, column: 2 }]);
    expect(build.warnings[0]!.notes[0]).toMatchObject({ text: 'It is constructed here, inside the handler.', location: { line: 17 } });
    expect(hooks(build.manifest?.afterRestore)).toEqual(['Pool.refill src/handler.ts:10']);
  });

  it('SR007: ESM output whose hooks nothing runs (no snapStart())', async () => {
    const build = await buildFixture('no-snapstart');
    expect(build.diagnostics).toEqual([{ code: 'SR007', file: 'src/handler.ts', line: 7, column: 0 }]);
    expect(build.warnings[0]!.location?.suggestion).toBe(
      "in a container image on Lambda's Node.js base image, end the handler module with `import { snapStart } from 'snapshot-restore/lambda'; await snapStart();`",
    );
  });

  it('SR007: CommonJS output without the bootstrap; silenced per code', async () => {
    const build = await buildFixture('cjs-order', { format: 'cjs' });
    expect(build.diagnostics).toEqual([{ code: 'SR007', file: 'src/handler.js', line: 12, column: 0 }]);
    expect(build.warnings[0]!.text).toBe(
      '[SR007] src/handler.js registers hooks but the output format is CommonJS: no hook runs. On the stock Node.js runtime nothing drives the snapshot lifecycle, and `await snapStart()` needs an ES module. Rule page: https://github.com/snapshot-restore/snapshot-restore/blob/main/docs/rules/SR007.md',
    );
    const quiet = await buildFixture('cjs-order', { format: 'cjs', plugin: { severity: { SR007: 'off' } } });
    expect(quiet.diagnostics).toEqual([]);
    expect(quiet.manifest?.diagnostics).toEqual([]);
    // platform: 'node' without a format is CommonJS too.
    const defaulted = await buildFixture('cjs-order', { format: 'cjs', esbuild: { format: undefined } });
    expect(defaulted.diagnostics.map((d) => d.code)).toEqual(['SR007']);
  });

  it('wrapper modules (`modules`) are followed: calls through them are checked and listed', async () => {
    const modules = [{ module: './src/lib/lifecycle.ts', beforeSnapshot: ['onSnapshot'], afterRestore: ['onRestore'] }];
    const build = await buildFixture('wrapper-module', { plugin: { modules } });
    expect(build.diagnostics).toEqual([{ code: 'SR001', file: 'src/handler.ts', line: 11, column: 2 }]);
    expect(hooks(build.manifest?.beforeSnapshot)).toEqual(['dropSecrets src/handler.ts:7']);
    // The registration in the handler is hoisted: it now runs too, after the top-level one.
    expect(hooks(build.manifest?.afterRestore)).toEqual(['reloadSecrets src/handler.ts:8', 'reloadSecrets src/handler.ts:11']);
    expect(build.warnings[0]!.text).toContain('; the build hoisted it.');
    // Without the option, the wrapper's own registrations are reported as unknown, not guessed.
    const unconfigured = await buildFixture('wrapper-module');
    expect(unconfigured.diagnostics).toEqual([
      { code: 'SR005', file: 'src/lib/lifecycle.ts', line: 4, column: 9 },
      { code: 'SR005', file: 'src/lib/lifecycle.ts', line: 8, column: 9 },
    ]);
  });
});

describe('options and bad input', () => {
  it('a syntax error is esbuild’s own error, not a plugin crash', async () => {
    const build = await buildFixture('syntax-error');
    expect(build.errors).toHaveLength(1);
    expect(build.errors[0]).toMatchObject({ pluginName: '', text: 'Unexpected "export"', location: { file: 'src/handler.ts', line: 5 } });
    expect(build.diagnostics).toEqual([]);
  });

  it('failOn: "warning" turns findings into errors that fail the build', async () => {
    const lowered = { hoist: false, severity: { SR001: 'warning' } } as const;
    expect((await buildFixture('inside-handler', { plugin: lowered })).errors).toEqual([]);
    const build = await buildFixture('inside-handler', { plugin: { ...lowered, failOn: 'warning' } });
    expect(build.errors.map((e) => e.id)).toEqual(['SR001']);
    const perCode = await buildFixture('invoke-only', { format: 'cjs', plugin: { severity: { SR002: 'error' } } });
    expect(perCode.errors.map((e) => e.id)).toEqual(['SR002']);
  });

  it('handler: a different export name', async () => {
    const build = await buildFixture('inside-handler', { plugin: { handler: 'main' } });
    // `handler` is no longer the handler, so the registration inside it cannot be placed.
    expect(build.diagnostics.map((d) => d.code)).toEqual(['SR005']);
  });

  it('manifest: false writes none; a file name renames it; write: false appends it to outputFiles', async () => {
    const none = await buildFixture('clean-esm', { plugin: { manifest: false } });
    expect(fs.readdirSync(none.outDir)).toEqual(['handler.mjs']);
    const renamed = await buildFixture('clean-esm', { plugin: { manifest: 'hooks.json' } });
    expect(fs.readdirSync(renamed.outDir).sort()).toEqual(['handler.mjs', 'hooks.json']);

    const result = await esbuild.build({
      absWorkingDir: path.join(fixturesDir, 'clean-esm'),
      entryPoints: ['src/handler.ts'],
      outdir: 'out',
      bundle: true,
      platform: 'node',
      format: 'esm',
      alias: runtimeAlias,
      write: false,
      logLevel: 'silent',
      plugins: [snapshotRestore()],
    });
    const manifestFile = result.outputFiles.find((f) => f.path.endsWith('snapshot-restore.manifest.json'));
    expect(manifestFile?.path).toBe(path.join(fixturesDir, 'clean-esm/out/snapshot-restore.manifest.json'));
    expect(JSON.parse(manifestFile!.text).afterRestore).toHaveLength(3);
    expect(fs.existsSync(path.join(fixturesDir, 'clean-esm/out'))).toBe(false);
  });

  it('the plugin never loads files: other plugins and esbuild loaders still load every file', async () => {
    const seen: string[] = [];
    const build = await buildFixture('clean-esm', {
      esbuild: {
        plugins: [
          snapshotRestore(),
          {
            name: 'recorder',
            setup(b) {
              b.onLoad({ filter: /db\.ts$/ }, (args) => {
                seen.push(path.basename(args.path));
                return undefined;
              });
            },
          },
        ],
      },
    });
    expect(seen).toEqual(['db.ts']);
    expect(build.manifest?.afterRestore).toHaveLength(3);
  });
});
