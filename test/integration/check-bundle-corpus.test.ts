// `check --bundle` with only the source map, on the real-library corpus (test/corpus/handlers/*,
// pinned npm libraries in test/corpus/node_modules): each handler is built alone with the real
// esbuild the way CDK, SAM or SST build it (the runtime inlined from this checkout's dist), as an
// ES module and as CommonJS, minified and not, with a source map and the metafile, and checked
// through the core's checkBundle twice: with the metafile (the plugin's whole-build check, the
// reference) and with only the map. The findings must be the same, locations and notes included,
// and so must the manifest. Then without the map: from the sources on disk the findings are the
// same again (but SR004 when minified), and the bundle read alone reports nothing the build does
// not, and (unminified) all of it but what needs the libraries' installed code. These bundles are megabytes of library code: the real test of the
// graph the map path recovers.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { checkBundle, decoratorModeFromTsconfig } from '../../plugin/core/index.js';
import { buildDeployed, extraCodes } from '../helpers/deployed-bundle.js';
import { repoRoot, tempDir } from '../helpers/run-cli.js';

const corpus = path.join(repoRoot, 'test/corpus');
const installed = fs.existsSync(path.join(corpus, 'node_modules'));
if (!installed && process.env.CI) throw new Error('test/corpus/node_modules is missing: .ci/run installs it with `npm --prefix test/corpus ci`');

/** As in lint-corpus.test.ts: the generated Prisma client and the drivers of unused dialects. */
const EXTERNAL = ['@prisma/client', 'better-sqlite3', 'mariadb/*', 'oracledb', 'pg-hstore', 'sqlite3', 'tedious'];

const handlers = installed
  ? fs
      .readdirSync(path.join(corpus, 'handlers'))
      .filter((f) => /\.(?:ts|cjs|mjs)$/.test(f))
      .sort()
  : [];

const build = (handler: string, format: 'esm' | 'cjs', minify: boolean) =>
  buildDeployed(corpus, `handlers/${handler}`, {
    format,
    minify,
    external: EXTERNAL,
    // The banner CDK users add so that bundled CommonJS can require built-ins from an ES module.
    ...(format === 'esm' ? { banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" } } : {}),
  });

/**
 * Read alone, a minified bundle loses the names of esbuild's helpers too: here a decorated hook
 * whose lowered decorator is not followed (SR005), which the limitations say.
 */
const ALONE_MINIFIED_EXTRA: Record<string, string[]> = { 'private-renewal.ts': ['SR005'], 'postgres.ts': ['SR005'] };

/**
 * Read alone, away from node_modules, a bundle loses the findings made by reading a library's
 * installed code (plugin/core/library/): which handlers lose which is not kept here but found
 * below, by linking the corpus's node_modules beside the copy, where they come back. What does not
 * come back even then are the shapes that need to know which package made the client (an ES module
 * library inlined into the bundle is no longer an import): these handlers, checked both ways (a
 * listed handler loses a finding there, an unlisted one none), so a stale entry fails.
 */
const ALONE_LOSES_PACKAGE_SHAPES = new Set(['bullmq.ts', 'init-shapes.ts', 'typeorm.ts']);

/**
 * The sources the bundle's map names that are no file on disk (and not in node_modules). A library
 * that ships its own source maps (typeorm) has them composed into the bundle's, which then names
 * the library's TypeScript sources (src/...): check-bundle reports those as modules outside the
 * working directory (a limitation of the map path). Read from the map itself, so no list of such handlers is kept.
 */
function mapSourcesNotOnDisk(mapFile: string): string[] {
  const map = JSON.parse(fs.readFileSync(mapFile, 'utf8')) as { sources: string[]; sourceRoot?: string };
  // Libraries' own files are not the user's modules: only those are said to be missing.
  return map.sources.filter((source) => !source.includes('node_modules/') && !fs.existsSync(path.resolve(path.dirname(mapFile), map.sourceRoot ?? '', source)));
}

const decorators = decoratorModeFromTsconfig(corpus);
const check = (bundle: string, format: 'esm' | 'cjs', metafile?: esbuild.Metafile) =>
  checkBundle({ bundle, workingDir: corpus, format, decorators, ...(metafile ? { metafile } : {}) });

describe.skipIf(!installed).each(handlers)('%s', (handler) => {
  // Not an empty comparison: a handler whose lines expect a finding has findings to compare.
  const expectsFindings = /\/\/ expect: SR\d/.test(fs.readFileSync(path.join(corpus, 'handlers', handler), 'utf8'));
  it.each([
    ['esm', false],
    ['esm', true],
    ['cjs', false],
    ['cjs', true],
  ] as const)("%s, minified %s: the source map gives the metafile's findings", async (format, minify) => {
    const built = await build(handler, format, minify);
    if (!built) return;
    try {
      const reference = check(built.bundle, format, built.metafile);
      expect(reference.via).toBe('metafile');
      if (expectsFindings) expect(reference.findings.length).toBeGreaterThan(0);
      const viaMap = check(built.bundle, format);
      expect(viaMap.via).toBe('source-map');
      expect(viaMap.findings).toEqual(reference.findings);
      expect(viaMap.manifest?.beforeSnapshot).toEqual(reference.manifest?.beforeSnapshot);
      expect(viaMap.manifest?.afterRestore).toEqual(reference.manifest?.afterRestore);
      if (mapSourcesNotOnDisk(`${built.bundle}.map`).length === 0) expect(viaMap.limitations).toEqual([]);
      else expect(viaMap.limitations).toEqual([expect.stringContaining('named by the source map')]);

      // Without the map, where the build ran: the modules the comments name (unminified), or the
      // entry identified on disk (minified), give the same findings but for SR004.
      fs.rmSync(`${built.bundle}.map`);
      const fromDisk = check(built.bundle, format);
      expect(fromDisk.via).toBe(minify ? 'identified-entry' : 'module-comments');
      expect(fromDisk.checked).toEqual([`handlers/${handler}`]);
      expect(fromDisk.findings).toEqual(minify ? reference.findings.filter((f) => f.code !== 'SR004') : reference.findings);

      // The bundle alone, away from its sources: what it reports is a subset of the build's codes
      // (library code is skipped, never reported as the user's), and the rest is said.
      const away = path.join(tempDir('sr-corpus-artefact-'), path.basename(built.bundle));
      fs.copyFileSync(built.bundle, away);
      const alone = checkBundle({ bundle: away, workingDir: path.dirname(away), format });
      expect(alone.via).toBe('bundle');
      const extra = extraCodes(alone.findings, reference.findings);
      expect(extra.filter((code) => !(minify && ALONE_MINIFIED_EXTRA[handler]?.includes(code)))).toEqual([]);
      if (!minify) {
        // Unminified, the module comments tell libraries from the user's code: what the bundle
        // alone does not report is only what the uniqueness rules (SR101-SR108) find by reading
        // libraries, and each of those comes back with the libraries beside the copy, but the
        // package shapes of the handlers listed above.
        const lost = extraCodes(reference.findings, alone.findings);
        expect(lost.filter((code) => !/^SR1\d\d$/.test(code))).toEqual([]);
        // A folder of its own: what the check found installed, or not, in the first is remembered by it.
        const beside = path.join(tempDir('sr-corpus-artefact-'), path.basename(built.bundle));
        fs.copyFileSync(built.bundle, beside);
        fs.symlinkSync(path.join(corpus, 'node_modules'), path.join(path.dirname(beside), 'node_modules'));
        const withLibraries = checkBundle({ bundle: beside, workingDir: path.dirname(beside), format });
        fs.rmSync(path.dirname(beside), { recursive: true, force: true });
        expect(extraCodes(withLibraries.findings, reference.findings)).toEqual([]);
        expect(extraCodes(alone.findings, withLibraries.findings)).toEqual([]);
        const stillLost = extraCodes(reference.findings, withLibraries.findings);
        expect({ handler, stillLost: stillLost.length > 0 }).toEqual({ handler, stillLost: ALONE_LOSES_PACKAGE_SHAPES.has(handler) });
      }
      if (minify) expect(alone.limitations[0]).toContain('neither were the uniqueness rules (SR101-SR108)');
      if (minify && ALONE_MINIFIED_EXTRA[handler]) expect(alone.limitations[0]).toContain('decorators esbuild lowered are not followed');
      fs.rmSync(path.dirname(away), { recursive: true, force: true });
    } finally {
      fs.rmSync(path.dirname(built.bundle), { recursive: true, force: true });
    }
  });
});

it.skipIf(!installed)("the corpus is the lint test's: every handler is checked here", () => {
  expect(handlers.length).toBeGreaterThanOrEqual(30);
});
