// The built package, resolved by name through package.json "exports", as users get it:
// ESM import and CommonJS require both work, and share one registry.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastJson, repoRoot, runNode, tempDir } from '../helpers/bundle.js';

/** A scratch project whose node_modules has this repository's two packages (built). */
function project(files: Record<string, string>): string {
  const dir = tempDir('sr-pkg-');
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(join(repoRoot, 'runtime'), join(dir, 'node_modules/snapshot-restore'), 'dir');
  symlinkSync(repoRoot, join(dir, 'node_modules/snapshot-restore-tools'), 'dir');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const useHooks = `
  const ran = [];
  const hook = registerAfterRestore((x) => ran.push('after:' + x), 'arg');
  registerBeforeSnapshot(() => ran.push('before'));
`;

// The public surface (DESIGN.md, "Public surface"): the analysis (analyzeModule, planHoist,
// predictOrder, ...) is not API, the emulator entry has the emulator and emulate only, and each
// bundler adapter its plugin.
const surface: Record<string, string[]> = {
  'snapshot-restore': ['getAfterRestore', 'getBeforeSnapshot', 'registerAfterRestore', 'registerBeforeSnapshot'],
  'snapshot-restore/testing': ['HookError', 'fakeLambdaEnv', 'getAfterRestore', 'getBeforeSnapshot', 'resetHooks', 'runAfterRestore', 'runBeforeSnapshot', 'simulateSnapStart'],
  'snapshot-restore/lambda': ['HookError', 'snapStart'],
  'snapshot-restore/restores': ['isRestored', 'prime', 'renewConnections', 'restoreCount'],
  'snapshot-restore/http': ['HookError', 'MICROVM_HOOK_PREFIX', 'expressHooks', 'fastifyHooks', 'honoHooks', 'isRestoring', 'koaHooks', 'nodeHooks', 'runPayload', 'snapshotHooks'],
  'snapshot-restore/bootstrap': ['BAD_OPTION_EXIT_CODE', 'HookError', 'LOAD_FAILURE_EXIT_CODE', 'OPTION_VARIABLES', 'startRuntime'],
  'snapshot-restore-tools/esbuild': ['snapshotRestore'],
  'snapshot-restore-tools/emulator': ['RuntimeApiEmulator', 'emulate', 'formatReport', 'startRuntimeProcess'],
  'snapshot-restore-tools/eslint': ['BUILD_TIME_RULES', 'NOT_FUNCTION_CODE', 'configs', 'default', 'ruleCodes', 'rules'],
  'snapshot-restore-tools/webpack': ['default', 'snapshotRestore'],
  'snapshot-restore-tools/rspack': ['default', 'snapshotRestore'],
  'snapshot-restore-tools/rollup': ['default', 'snapshotRestore'],
  'snapshot-restore-tools/vite': ['default', 'snapshotRestore'],
};

describe('built package', () => {
  it('exports the public surface and nothing else, the same through import and require', async () => {
    const dir = project({
      'main.mjs': `
        import { createRequire } from 'node:module';
        const require = createRequire(import.meta.url);
        const names = {};
        for (const entry of ${JSON.stringify(Object.keys(surface))}) {
          // require() of an ES module with a default export adds __esModule (require(esm) interop).
          names[entry] = { esm: Object.keys(await import(entry)).sort(), cjs: Object.keys(require(entry)).filter((name) => name !== '__esModule').sort() };
        }
        console.log(JSON.stringify(names));
      `,
    });
    const out = lastJson(await runNode(join(dir, 'main.mjs')));
    expect(out).toEqual(Object.fromEntries(Object.entries(surface).map(([entry, names]) => [entry, { esm: names, cjs: names }])));
  });

  it('works through import (ESM)', async () => {
    const dir = project({
      'main.mjs': `
        import { registerAfterRestore, registerBeforeSnapshot, getAfterRestore } from 'snapshot-restore';
        import { simulateSnapStart } from 'snapshot-restore/testing';
        import { snapStart } from 'snapshot-restore/lambda';
        ${useHooks}
        await simulateSnapStart();
        console.log(JSON.stringify({ ran, count: getAfterRestore().length, snapStart: typeof snapStart }));
      `,
    });
    const out = lastJson(await runNode(join(dir, 'main.mjs')));
    expect(out).toEqual({ ran: ['before', 'after:arg'], count: 1, snapStart: 'function' });
  });

  it('works through require (CommonJS)', async () => {
    const dir = project({
      'main.cjs': `
        const { registerAfterRestore, registerBeforeSnapshot, getAfterRestore } = require('snapshot-restore');
        const { simulateSnapStart } = require('snapshot-restore/testing');
        const { snapStart } = require('snapshot-restore/lambda');
        ${useHooks}
        simulateSnapStart().then(() => console.log(JSON.stringify({ ran, count: getAfterRestore().length, snapStart: typeof snapStart })));
      `,
    });
    const out = lastJson(await runNode(join(dir, 'main.cjs')));
    expect(out).toEqual({ ran: ['before', 'after:arg'], count: 1, snapStart: 'function' });
  });

  it('loads the esbuild plugin through require, for CommonJS config files (serverless-esbuild)', async () => {
    const dir = project({
      'main.cjs': `
        const { snapshotRestore } = require('snapshot-restore-tools/esbuild');
        const plugin = snapshotRestore();
        console.log(JSON.stringify({ name: plugin.name, setup: typeof plugin.setup }));
      `,
    });
    const out = lastJson(await runNode(join(dir, 'main.cjs'), [], { NODE_OPTIONS: '--no-experimental-require-module' }));
    expect(out).toEqual({ name: 'snapshot-restore', setup: 'function' });
  });

  it('shares one registry between the ESM and CommonJS copies in one process', async () => {
    const dir = project({
      'main.mjs': `
        import { createRequire } from 'node:module';
        import { registerAfterRestore } from 'snapshot-restore';
        const require = createRequire(import.meta.url);
        const cjs = require('snapshot-restore');
        const { runAfterRestore } = require('snapshot-restore/testing');
        const ran = [];
        registerAfterRestore(() => ran.push('esm'));
        cjs.registerAfterRestore(() => ran.push('cjs'));
        await runAfterRestore();
        console.log(JSON.stringify({ ran, same: cjs.getAfterRestore().length }));
      `,
    });
    const out = lastJson(await runNode(join(dir, 'main.mjs')));
    expect(out).toEqual({ ran: ['esm', 'cjs'], same: 2 });
  });
});
