// The prediction holds: the manifest lists the hooks in the order the runtime really runs
// them, when the built bundle is loaded (init) and both phases run, for ESM and CommonJS output.
import { describe, expect, it } from 'vitest';
import { buildFixture, runPhases } from '../helpers/plugin-harness.js';
import type { SnapshotRestoreOptions } from '../../plugin/core/index.js';

const cases: Array<{ fixture: string; format: 'esm' | 'cjs'; plugin?: SnapshotRestoreOptions; hooks: number }> = [
  { fixture: 'clean-esm', format: 'esm', hooks: 5 },
  { fixture: 'evaluation-order', format: 'esm', hooks: 16 },
  { fixture: 'legacy-decorators', format: 'esm', hooks: 5 },
  { fixture: 'instance-decorator', format: 'esm', hooks: 1 },
  { fixture: 'side-effects-free', format: 'esm', hooks: 1 },
  // SR003 is an error by default; kept a warning here so the bundle is written and run.
  { fixture: 'lazy-load', format: 'esm', hooks: 0, plugin: { severity: { SR003: 'warning' } } },
  { fixture: 'not-in-bundle', format: 'esm', hooks: 1 },
  {
    fixture: 'wrapper-module',
    format: 'esm',
    plugin: { modules: [{ module: './src/lib/lifecycle.ts', beforeSnapshot: ['onSnapshot'], afterRestore: ['onRestore'] }] },
    hooks: 3, // one of them hoisted out of the handler
  },
  { fixture: 'cjs-order', format: 'cjs', hooks: 5 },
  { fixture: 'invoke-only', format: 'cjs', hooks: 0 },
];

describe('manifest order equals the order the runtime runs the hooks', () => {
  for (const { fixture, format, plugin, hooks } of cases) {
    it(`${fixture} (${format})`, async () => {
      const build = await buildFixture(fixture, { format, plugin });
      expect(build.errors).toEqual([]);
      const predicted = {
        beforeSnapshot: build.manifest!.beforeSnapshot.map((h) => h.name),
        afterRestore: build.manifest!.afterRestore.map((h) => h.name),
      };
      expect(predicted.beforeSnapshot.length + predicted.afterRestore.length).toBe(hooks);
      expect(await runPhases(build)).toEqual(predicted);
    });
  }

  it('evaluation-order: the exact order (imports depth-first, static blocks after TC39 decorators, calls followed, top-level await import())', async () => {
    const build = await buildFixture('evaluation-order');
    expect(build.manifest!.afterRestore.map((h) => `${h.name} ${h.file}:${h.line}`)).toEqual([
      'sharedHook src/shared.ts:5',
      'aAfter src/a.ts:10',
      'Clients.refresh src/b.ts:9',
      'Clients.both src/b.ts:13',
      'fromStaticBlock src/b.ts:6',
      'first src/handler.ts:19',
      'lateHook src/late.ts:3',
      'second src/handler.ts:11',
      'twice src/handler.ts:16',
      'twice src/handler.ts:16',
      'fromIife src/handler.ts:27',
    ]);
    expect(build.manifest!.beforeSnapshot.map((h) => h.name)).toEqual(['second', 'first', 'refresh', 'Clients.both', 'aBefore']);
  });
});
