// Shapes the analysis must place without being told: register functions re-exported under a
// user module's own names (and along chains, and through `export *`), callbacks of array
// iteration at init, and import() awaited through Promise.all. Built with the real esbuild and
// the plugin; the manifest's predicted order is checked against the order the hooks really run.
import { describe, expect, it } from 'vitest';
import { buildFixture, runPhases } from '../helpers/plugin-harness.js';

const hooks = (list: Array<{ name: string; file: string; line: number }> | undefined) => (list ?? []).map((h) => `${h.name} ${h.file}:${h.line}`);

describe('shapes found without configuration', () => {
  it('re-exported register functions, forEach at init and Promise.all([import()]) are init, listed and run in the predicted order', async () => {
    const build = await buildFixture('reexported-register');
    expect(build.errors.map((e) => e.text)).toEqual([expect.stringContaining('SR001')]);
    expect(build.diagnostics).toEqual([{ code: 'SR001', file: 'src/handler.ts', line: 15, column: 2 }]);
    // Before-snapshot hooks run in reverse registration order.
    expect(hooks(build.manifest?.beforeSnapshot)).toEqual(['flush src/handler.ts:8', 'endPool src/handler.ts:7']);
    expect(hooks(build.manifest?.afterRestore)).toEqual(['reconnect src/handler.ts:9', 'reloadConfig src/handler.ts:10', 'warmLate src/lib/late.ts:3']);
    expect(build.manifest?.lazy).toEqual([]);
  });

  it('the predicted order is the order the runtime runs them', async () => {
    const build = await buildFixture('reexported-register', { plugin: { severity: { SR001: 'off' } } });
    const ran = await runPhases(build);
    // forEach registers endPool once per pool; the manifest lists the call site once.
    expect(ran.beforeSnapshot).toEqual(['flush', 'endPool', 'endPool']);
    expect(ran.afterRestore).toEqual(['reconnect', 'reloadConfig', 'warmLate']);
  });
});
