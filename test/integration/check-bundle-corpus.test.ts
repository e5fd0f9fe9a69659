// `check --bundle` with only the source map, on the real-library corpus (test/corpus/handlers/*,
// pinned npm libraries in test/corpus/node_modules): each handler is built alone with the real
// esbuild the way CDK, SAM or SST build it (the runtime inlined from this checkout's dist), as an
// ES module and as CommonJS, minified and not, with a source map and the metafile, and checked
// through the core's checkBundle twice: with the metafile (the plugin's whole-build check, the
// reference) and with only the map. The findings must be the same, locations and notes included,
// and so must the manifest. These bundles are megabytes of library code: the real test of the
// graph the map path recovers.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { checkBundle, decoratorModeFromTsconfig } from '../../plugin/core/index.js';
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

async function build(handler: string, format: 'esm' | 'cjs', minify: boolean) {
  const bundle = path.join(tempDir('sr-corpus-bundle-'), format === 'esm' ? 'index.mjs' : 'index.cjs');
  try {
    const result = await esbuild.build({
      absWorkingDir: corpus,
      entryPoints: [`handlers/${handler}`],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format,
      minify,
      sourcemap: true,
      metafile: true,
      logLevel: 'silent',
      external: EXTERNAL,
      alias: { 'snapshot-restore': path.join(repoRoot, 'dist/esm/index.js'), 'snapshot-restore/lambda': path.join(repoRoot, 'dist/esm/lambda.js') },
    });
    return { bundle, metafile: result.metafile };
  } catch (error) {
    // An ES module with top-level await cannot be CommonJS: not a bundle.
    if (format === 'cjs' && (error as esbuild.BuildFailure).errors?.some((e) => /Top-level await/.test(e.text))) return undefined;
    throw error;
  }
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
  ] as const)('%s, minified %s: the source map gives the metafile\'s findings', async (format, minify) => {
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
      expect(viaMap.limitations).toEqual([]);
    } finally {
      fs.rmSync(path.dirname(built.bundle), { recursive: true, force: true });
    }
  });
});

it.skipIf(!installed)('the corpus is the lint test\'s: every handler is checked here', () => {
  expect(handlers.length).toBeGreaterThanOrEqual(30);
});
