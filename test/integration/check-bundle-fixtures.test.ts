// `check --bundle` without the metafile, on every fixture the plugin tests use: each is built
// with the real esbuild the way CDK, SAM or SST build (the runtime inlined from this checkout's
// dist, with its own source maps composed in), as an ES module and as CommonJS, minified and not,
// and checked through the core's checkBundle four ways:
// - with the metafile: the reference (the plugin's whole-build check);
// - with only the source map: the findings must be the same, text, locations and notes included;
// - with neither, the project on disk: an unminified bundle names its modules in comments, the
//   graph is recovered from their files, and the findings must be the same; a minified one's
//   entry is identified on disk by its exports and strings, and the findings must be the same
//   but for SR004 (what the bundler dropped does not show in a minified bundle);
// - the bundle alone, copied away from its sources: the codes must be the same, except where the
//   bundle alone cannot tell, which is listed here and said in the result's limitations.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { checkBundle, decoratorModeFromTsconfig, type SnapshotRestoreOptions } from '../../plugin/core/index.js';
import { buildDeployed, extraCodes } from '../helpers/deployed-bundle.js';
import { repoRoot, tempDir } from '../helpers/run-cli.js';

interface Fixture {
  dir: string;
  entry: string;
  options: SnapshotRestoreOptions;
  tsconfig?: string;
}

const OPTIONS: Record<string, SnapshotRestoreOptions> = {
  'plugin/wrapper-module': { modules: [{ module: './src/lib/lifecycle.ts', beforeSnapshot: ['onSnapshot'], afterRestore: ['onRestore'] }] },
  'cli/custom-handler': { handler: 'main' },
  'cli/wrapper': { modules: ['./src/lifecycle.ts'] },
};
const TSCONFIG: Record<string, string> = { 'cli/tsconfig-paths': 'tsconfig.build.json' };

/**
 * The bundle alone, what only the original sources show (each said in the limitations): a module
 * the bundler dropped (SR004), `// snapshot-restore-ignore` comments (bundling drops them),
 * decorated instance methods (registered at each construction: SR006), wrapper modules
 * configured by path, which are no module of their own in the bundle.
 */
const WITHOUT_MAP_DIFFERS = new Set(['plugin/wrapper-module', 'plugin/side-effects-free', 'uniqueness/app', 'plugin/instance-decorator', 'plugin/tsconfig-extends']);

function fixtures(): Fixture[] {
  const found: Fixture[] = [];
  for (const group of ['plugin', 'cli', 'hoist', 'uniqueness']) {
    for (const name of fs.readdirSync(path.join(repoRoot, 'fixtures', group)).sort()) {
      const id = `${group}/${name}`;
      const dir = path.join(repoRoot, 'fixtures', group, name);
      if (name === 'syntax-error') continue; // does not build: nothing to check
      const entry = ['src/handler.ts', 'src/handler.js', 'src/index.ts'].find((e) => fs.existsSync(path.join(dir, e)));
      if (entry) found.push({ dir, entry, options: OPTIONS[id] ?? {}, ...(TSCONFIG[id] ? { tsconfig: TSCONFIG[id] } : {}) });
    }
  }
  return found;
}

const idOf = (fixture: Fixture) => path.relative(path.join(repoRoot, 'fixtures'), fixture.dir).split(path.sep).join('/');

const build = (fixture: Fixture, format: 'esm' | 'cjs', minify: boolean) =>
  buildDeployed(fixture.dir, fixture.entry, { format, minify, external: ['uuid'], ...(fixture.tsconfig ? { tsconfig: fixture.tsconfig } : {}) });

function check(fixture: Fixture, bundle: string, format: 'esm' | 'cjs', metafile?: esbuild.Metafile) {
  return checkBundle({
    bundle,
    workingDir: fixture.dir,
    format,
    decorators: decoratorModeFromTsconfig(fixture.dir, fixture.tsconfig && path.join(fixture.dir, fixture.tsconfig)),
    options: fixture.options,
    ...(fixture.tsconfig ? { tsconfig: path.join(fixture.dir, fixture.tsconfig) } : {}),
    ...(metafile ? { metafile } : {}),
  });
}

const codes = (findings: Array<{ code: string }>) => findings.map((f) => f.code).sort();

describe.each(fixtures().map((fixture) => [idOf(fixture), fixture] as const))('%s', (id, fixture) => {
  it.each([
    ['esm', false],
    ['esm', true],
    ['cjs', false],
    ['cjs', true],
  ] as const)('%s, minified %s', async (format, minify) => {
    const built = await build(fixture, format, minify);
    if (!built) return;
    const reference = check(fixture, built.bundle, format, built.metafile);
    expect(reference.via).toBe('metafile');

    const viaMap = check(fixture, built.bundle, format);
    expect(viaMap.via).toBe('source-map');
    expect(viaMap.findings).toEqual(reference.findings);
    expect(viaMap.manifest?.beforeSnapshot).toEqual(reference.manifest?.beforeSnapshot);
    expect(viaMap.manifest?.afterRestore).toEqual(reference.manifest?.afterRestore);
    expect(viaMap.limitations).toEqual([]);

    fs.rmSync(`${built.bundle}.map`);
    const fromDisk = check(fixture, built.bundle, format);
    if (!minify) {
      // No map, but the module comments name the modules, and their files are on disk.
      expect(fromDisk.via).toBe('module-comments');
      expect(fromDisk.findings).toEqual(reference.findings);
      expect(fromDisk.limitations).toEqual([
        expect.stringMatching(/^no --metafile and no source map: the \d+ modules the bundle names in its module comments were checked from their files on disk/),
      ]);
    } else {
      // Minified: no module comments; the entry is found on disk by its exports and strings.
      expect(fromDisk.via).toBe('identified-entry');
      expect(fromDisk.checked).toEqual([fixture.entry]);
      // Which modules the bundler dropped cannot be told (SR004): said, and the rest is the same.
      expect(fromDisk.findings).toEqual(reference.findings.filter((f) => f.code !== 'SR004'));
      expect(fromDisk.limitations).toEqual([expect.stringContaining(`its entry was identified on disk as ${fixture.entry}`)]);
      expect(fromDisk.limitations[0]).toContain('(SR004) cannot be told');
    }
    // (Minified, the hooks of a module the bundler dropped are still listed: SR004's blind spot.)
    if (!minify || !reference.findings.some((f) => f.code === 'SR004')) {
      expect(fromDisk.manifest?.beforeSnapshot).toEqual(reference.manifest?.beforeSnapshot);
      expect(fromDisk.manifest?.afterRestore).toEqual(reference.manifest?.afterRestore);
    }

    // The bundle alone, away from the sources (a CI artefact): read as one module.
    const elsewhere = path.join(tempDir('sr-artefact-'), path.basename(built.bundle));
    fs.copyFileSync(built.bundle, elsewhere);
    const alone = check({ ...fixture, dir: path.dirname(elsewhere), tsconfig: undefined }, elsewhere, format);
    expect(alone.via).toBe('bundle');
    expect(alone.limitations[0]).toMatch(/^no --metafile and no source map/);
    if (minify) {
      // Without module comments nothing says which code is a library's: said, not hidden. Nothing
      // is reported that the build does not report, but SR005 where esbuild's lazy-init wrapper of
      // a module, renamed, hides when its hooks register (SR003, said not checked).
      expect(alone.limitations[0]).toContain('the bundle is minified');
      expect(alone.limitations[0]).toContain('Lazily loaded hook modules (SR003)');
      const extra = extraCodes(alone.findings, reference.findings);
      expect(extra.filter((code) => code !== 'SR005')).toEqual([]);
    } else if (!WITHOUT_MAP_DIFFERS.has(id)) {
      expect(codes(alone.findings)).toEqual(codes(reference.findings));
    }
    if (!minify && ['plugin/instance-decorator', 'plugin/tsconfig-extends'].includes(id)) {
      expect(alone.limitations.join('\n')).toMatch(/decorated instance methods? registers? hooks at each construction/);
    }
  });
});

it("the list of fixtures is the plugin tests' (a new fixture is checked here too)", () => {
  expect(fixtures().length).toBeGreaterThanOrEqual(25);
});
