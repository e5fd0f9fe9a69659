// `check --bundle` with a source map that was moved, as deployment tools move it: CDK copies the
// bundle and its map into cdk.out/asset.<hash>/, SAM into .aws-sam/build/<Function>/, Docker
// bundling builds in /asset-input → /asset-output and the result is copied out, so the map's
// sources no longer name the project's files. Each case is a real esbuild bundle of a project (a
// copy of a plugin fixture or a corpus handler, with snapshot-restore installed in its
// node_modules as a user has it), moved the way the tool moves it; the check through the moved
// map must give the findings and the manifest of the metafile check on the unmoved bundle, and
// say no limitation. Where nothing can be found again, what happens is the documented fallback.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as esbuild from 'esbuild';
import { buildDeployed } from '../helpers/deployed-bundle.js';
import { afterAll, describe, expect, it } from 'vitest';
import { checkBundle, decoratorModeFromTsconfig, type CheckBundleResult } from '../../plugin/core/index.js';
import { repoRoot, tempDir } from '../helpers/run-cli.js';

const corpus = path.join(repoRoot, 'test/corpus');
const corpusInstalled = fs.existsSync(path.join(corpus, 'node_modules'));
/** As in lint-corpus.test.ts, and the fixtures' `uuid` (not installed: check-bundle-fixtures.test.ts leaves it out too). */
const EXTERNAL = ['uuid', '@prisma/client', 'better-sqlite3', 'mariadb/*', 'oracledb', 'pg-hstore', 'sqlite3', 'tedious'];

const temps: string[] = [];
const temp = (prefix: string) => {
  const dir = tempDir(prefix);
  temps.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

/** This checkout's runtime installed in the project, as `npm install snapshot-restore` leaves it. */
function installRuntime(project: string): void {
  const installed = path.join(project, 'node_modules', 'snapshot-restore');
  fs.mkdirSync(installed, { recursive: true });
  fs.cpSync(path.join(repoRoot, 'runtime/dist/esm'), path.join(installed, 'dist/esm'), { recursive: true });
  const manifest = { name: 'snapshot-restore', type: 'module', exports: { '.': './dist/esm/index.js', './lambda': './dist/esm/lambda.js' } };
  fs.writeFileSync(path.join(installed, 'package.json'), JSON.stringify(manifest));
}

interface Subject {
  id: string;
  entry: string;
  /** Writes the project into an empty directory. */
  copyTo(dir: string): void;
}

function fixture(id: string): Subject {
  const source = path.join(repoRoot, 'fixtures', id);
  return {
    id,
    entry: fs.existsSync(path.join(source, 'src/handler.ts')) ? 'src/handler.ts' : 'src/handler.js',
    copyTo(dir) {
      fs.cpSync(source, dir, { recursive: true });
      installRuntime(dir);
    },
  };
}

function corpusHandler(name: string): Subject {
  return {
    id: `corpus/${name}`,
    entry: `handlers/${name}`,
    copyTo(dir) {
      fs.mkdirSync(path.join(dir, 'handlers'), { recursive: true });
      fs.copyFileSync(path.join(corpus, 'handlers', name), path.join(dir, 'handlers', name));
      // The corpus's installed libraries, linked (esbuild names them by their real path).
      const modules = path.join(corpus, 'node_modules');
      fs.mkdirSync(path.join(dir, 'node_modules'));
      for (const entry of fs.readdirSync(modules)) fs.symlinkSync(fs.realpathSync(path.join(modules, entry)), path.join(dir, 'node_modules', entry));
      installRuntime(dir);
    },
  };
}

const subjects: Subject[] = [
  fixture('plugin/lazy-load'),
  fixture('plugin/inside-handler'),
  fixture('uniqueness/app'),
  ...(corpusInstalled ? [corpusHandler('pg.ts'), corpusHandler('elasticsearch.ts')] : []),
];

async function build(subject: Subject, project: string, outfile: string, options: esbuild.BuildOptions = {}): Promise<esbuild.Metafile> {
  // The runtime comes from the project's node_modules here (installRuntime), not an alias.
  const built = await buildDeployed(project, subject.entry, { outfile, external: EXTERNAL, alias: {}, ...options });
  return built!.metafile;
}

const check = (bundle: string, workingDir: string, metafile?: esbuild.Metafile): CheckBundleResult =>
  checkBundle({ bundle, workingDir, format: 'esm', decorators: decoratorModeFromTsconfig(workingDir), ...(metafile ? { metafile } : {}) });

/** Copies the bundle (and its map, when it has one beside it) into `dir`. */
function copyBundle(bundle: string, dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const copy = path.join(dir, path.basename(bundle));
  fs.copyFileSync(bundle, copy);
  if (fs.existsSync(`${bundle}.map`)) fs.copyFileSync(`${bundle}.map`, `${copy}.map`);
  return copy;
}

function expectSameCheck(moved: CheckBundleResult, reference: CheckBundleResult): void {
  expect(moved.via).toBe('source-map');
  expect(moved.findings).toEqual(reference.findings);
  expect(moved.manifest?.beforeSnapshot).toEqual(reference.manifest?.beforeSnapshot);
  expect(moved.manifest?.afterRestore).toEqual(reference.manifest?.afterRestore);
  expect(moved.limitations).toEqual([]);
}

/**
 * Built where the project is: the bundle is then copied inside the project (or out of it), and
 * the check runs in the project.
 */
const LOCAL: Array<[string, esbuild.BuildOptions, (project: string) => string]> = [
  ['CDK: copied into cdk.out/asset.<hash>/', {}, (project) => path.join(project, 'cdk.out', 'asset.5c1b7e0f9d2a')],
  ['SAM: copied into .aws-sam/build/<Function>/', {}, (project) => path.join(project, '.aws-sam', 'build', 'HandlerFunction')],
  ['copied to a directory outside the project', {}, () => path.join(temp('sr-artefact-'), 'asset.5c1b7e0f9d2a')],
  ['an inline map, copied into cdk.out', { sourcemap: 'inline' }, (project) => path.join(project, 'cdk.out', 'asset.5c1b7e0f9d2a')],
  ['a map without sourcesContent, copied into cdk.out', { sourcesContent: false }, (project) => path.join(project, 'cdk.out', 'asset.5c1b7e0f9d2a')],
];

/**
 * Built in another directory that is gone (Docker bundling: /asset-input to /asset-output),
 * then copied into the project's cdk.out: the map names files of a tree that is not there.
 */
const ELSEWHERE: Array<[string, (out: string) => esbuild.BuildOptions, ((mapFile: string) => void)?]> = [
  ['relative sources', () => ({})],
  ['relative sources, no sourcesContent', () => ({ sourcesContent: false })],
  ["a sourceRoot (the build's output folder)", (out) => ({ sourceRoot: `${pathToFileURL(out).href}/` })],
  [
    'absolute sources',
    () => ({}),
    (mapFile) => {
      const map = JSON.parse(fs.readFileSync(mapFile, 'utf8')) as { sources: string[] };
      map.sources = map.sources.map((source) => path.resolve(path.dirname(mapFile), source));
      fs.writeFileSync(mapFile, JSON.stringify(map));
    },
  ],
];

describe.each(subjects.map((subject) => [subject.id, subject] as const))('%s', (_id, subject) => {
  it.each(LOCAL)('%s', async (_name, options, destination) => {
    const project = temp('sr-project-');
    subject.copyTo(project);
    const bundle = path.join(project, 'dist', 'index.mjs');
    const metafile = await build(subject, project, bundle, options);
    const reference = check(bundle, project, metafile);
    expect(reference.findings.length).toBeGreaterThan(0);
    const moved = copyBundle(bundle, destination(project));
    fs.rmSync(path.join(project, 'dist'), { recursive: true });
    expectSameCheck(check(moved, project), reference);
  });

  it.each(ELSEWHERE)('built in a directory that is gone, then copied into the project: %s', async (_name, options, rewrite) => {
    const builder = temp('sr-docker-');
    const input = path.join(builder, 'asset-input');
    const output = path.join(builder, 'asset-output');
    subject.copyTo(input);
    const bundle = path.join(output, 'index.mjs');
    const metafile = await build(subject, input, bundle, options(output));
    const reference = check(bundle, input, metafile);
    expect(reference.findings.length).toBeGreaterThan(0);
    rewrite?.(`${bundle}.map`);

    const project = path.join(temp('sr-project-'), 'app');
    subject.copyTo(project);
    const moved = copyBundle(bundle, path.join(project, 'cdk.out', 'asset.5c1b7e0f9d2a'));
    fs.rmSync(builder, { recursive: true });
    expectSameCheck(check(moved, project), reference);
  });
});

describe('a moved map whose sources are nowhere to be found', () => {
  const subject = fixture('uniqueness/app');

  async function artefact(options: esbuild.BuildOptions) {
    const builder = temp('sr-docker-');
    const input = path.join(builder, 'asset-input');
    subject.copyTo(input);
    const bundle = path.join(builder, 'asset-output', 'index.mjs');
    const metafile = await build(subject, input, bundle, options);
    const reference = check(bundle, input, metafile);
    // Checked in a CI job that has only the deployment artefact, not the project.
    const elsewhere = temp('sr-ci-');
    const moved = copyBundle(bundle, path.join(elsewhere, 'cdk.out', 'asset.5c1b7e0f9d2a'));
    fs.rmSync(builder, { recursive: true });
    return { reference, result: check(moved, elsewhere) };
  }

  it("with sourcesContent: checked from the map's text, the files named as the map names them, and said", async () => {
    const { reference, result } = await artefact({});
    expect(result.via).toBe('source-map');
    const brief = (r: CheckBundleResult) => r.findings.map((f) => [f.code, f.location?.line, f.location?.column, f.location?.lineText]);
    expect(brief(result)).toEqual(brief(reference));
    result.findings.forEach((finding, i) => {
      expect(finding.location!.file).not.toBe(reference.findings[i]!.location!.file);
      expect(finding.location!.file.endsWith(`/${reference.findings[i]!.location!.file}`)).toBe(true);
    });
    expect(result.limitations).toHaveLength(1);
    expect(result.limitations[0]).toMatch(/^\d+ of your modules named by the source map (is|are) not under the working directory.*--working-dir/);
  });

  it('without sourcesContent: nothing to read through the map, so the bundle is checked without it, and that is said', async () => {
    const { result } = await artefact({ sourcesContent: false });
    expect(result.via).toBe('bundle');
    expect(result.limitations[0]).toMatch(/no source map with the original sources/);
  });
});
