// The uniqueness lint in a build: which modules are read (the user's own, not libraries or this
// package's runtime), findings as esbuild messages and in the manifest, severity and the option.
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFixture, repoRoot } from '../helpers/plugin-harness.js';
import { checkBuild, type BuildMetafile } from '../../plugin/core/index.js';

const app = path.join(repoRoot, 'fixtures/uniqueness/app');
const build = (plugin = {}) => buildFixture('app', { workingDir: app, plugin, esbuild: { external: ['uuid'] } });

describe('uniqueness lint in a build', () => {
  it('reports the shared values of the user modules, with the ignore comment and hooks respected', async () => {
    const result = await build();
    expect(result.errors).toEqual([]);
    // In module evaluation order.
    expect(result.diagnostics).toEqual([
      { code: 'SR104', file: 'src/ids.ts', line: 4, column: 26 },
      { code: 'SR107', file: 'src/db.ts', line: 12, column: 14 },
      { code: 'SR105', file: 'src/clock.ts', line: 1, column: 24 },
    ]);
    const id = result.warnings.find((w) => w.id === 'SR104')!;
    expect(id.text).toBe(
      '[SR104] `uuidv4()` runs at init: every restored environment has the same ID. The ID, kept in `instanceId`, is made once, before the snapshot, and the generator state behind it (random pool, clock sequence, monotonic counter) is cloned too. Rule page: https://github.com/snapshot-restore/snapshot-restore/blob/main/docs/rules/SR104.md',
    );
    expect(id.location?.suggestion).toBe(
      'compute it in the handler, or renew it in `registerAfterRestore(() => { instanceId = uuidv4(); });` (first change `const instanceId` to `let instanceId`, so that the hook can assign it)',
    );
    expect(result.manifest!.diagnostics.map((d) => `${d.code} ${d.severity} ${d.file}:${d.line}`)).toEqual([
      'SR104 warning src/ids.ts:4',
      'SR107 warning src/db.ts:12',
      'SR105 warning src/clock.ts:1',
    ]);
  });

  it('severity per code, failOn, and uniqueness: false', async () => {
    const strict = await build({ severity: { SR105: 'off', SR107: 'error' } });
    expect(strict.errors.map((e) => e.id)).toEqual(['SR107']);
    expect(strict.diagnostics.map((d) => d.code)).toEqual(['SR107', 'SR104']); // errors first;
    expect((await build({ uniqueness: false })).diagnostics).toEqual([]);
  });

  it('reads only the user own modules: node_modules and the runtime package are not linted', () => {
    const sources: Record<string, string> = {
      '/app/src/handler.ts': "import 'lib';\nexport const seed = Math.random();\nexport const handler = async () => seed;",
      '/app/node_modules/lib/index.js': 'export const seed = Math.random();',
      '/app/node_modules/snapshot-restore/dist/esm/index.js': 'export const t = Date.now();',
      '/app/src/unused.ts': 'export const t = Date.now();',
    };
    const metafile: BuildMetafile = {
      inputs: {
        'src/handler.ts': { imports: [{ path: 'node_modules/lib/index.js', kind: 'import-statement', original: 'lib' }] },
        'node_modules/lib/index.js': { imports: [] },
        'src/unused.ts': { imports: [] },
      },
      outputs: { 'out/handler.mjs': { entryPoint: 'src/handler.ts', inputs: { 'src/handler.ts': {}, 'node_modules/lib/index.js': {} } } },
    };
    const read: string[] = [];
    const { findings } = checkBuild({
      metafile,
      workingDir: '/app',
      decorators: 'tc39',
      readFile: (file) => {
        read.push(file);
        return sources[file];
      },
    });
    expect(findings.map((f) => `${f.code} ${f.location?.file}:${f.location?.line}`)).toEqual(['SR101 src/handler.ts:2']);
    // Tree-shaken (not in the output) and library modules are never even read.
    expect(read).toEqual(['/app/src/handler.ts']);
  });
});
