// Hook sites point at the user's source, not at a line of a bundle: in emulate (the bundle's
// source map, read with @jridgewell/trace-mapping), and on Lambda as the README says
// (a bundle built with a source map, run with NODE_OPTIONS=--enable-source-maps).
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emulate } from '../../emulator/snapshot/emulate.js';
import { bundle, repoRoot, runtimeAlias } from '../helpers/bundle.js';
import { requireBuild, runBootstrap, type Running } from '../helpers/lifecycle.js';

const fixture = join(repoRoot, 'fixtures/emulate/failing-hooks.ts');
let running: Running | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe('hook sites through the source map', () => {
  it('emulate names the registration in the source, in the hooks list and in the error', async () => {
    const { report } = await emulate({ entry: fixture, restores: 1, alias: runtimeAlias, cwd: repoRoot, env: { FAIL: 'after' } });
    expect(report.restores[0].afterRestoreHooks[0].site).toBe('fixtures/emulate/failing-hooks.ts:9:1');
    expect(report.restores[0].error).toContain('(registered at fixtures/emulate/failing-hooks.ts:9:1)');
    expect(JSON.stringify(report)).not.toContain('snapshot-entry.cjs');
  });

  it.each([
    ['with NODE_OPTIONS=--enable-source-maps, names the source', '--enable-source-maps', /\(registered at [^)]*fixtures\/emulate\/failing-hooks\.ts:9:\d+\)/],
    ['without it, names the bundle', '', /\(registered at [^)]*index\.mjs:\d+:\d+\)/],
  ])("on Lambda the runtime's restore error %s", async (_, nodeOptions, site) => {
    requireBuild();
    const file = await bundle(fixture, { format: 'esm', keepNames: true, sourcemap: true });
    running = await runBootstrap(file, 'handler', { env: { FAIL: 'after', NODE_OPTIONS: nodeOptions } });
    await running.emulator.restore();
    await running.runtime.exited;
    expect(running.emulator.restoreError?.errorType).toBe('Runtime.AfterRestoreError');
    expect(running.emulator.restoreError?.errorMessage).toMatch(site);
  });
});
