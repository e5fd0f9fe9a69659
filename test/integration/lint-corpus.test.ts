// The uniqueness lint (SR1xx) on real libraries: test/corpus/handlers/*.ts initialise popular npm
// libraries the way their docs show, eager and lazy, and say per line what the lint must report:
// `// expect: SR107 (why)` or `// expect: none (why)`, the reason read in the library's installed
// source. A line without a comment must stay silent. The real esbuild build with the plugin and
// the real `snapshot-restore check` both run on the corpus; any mismatch fails, and the test prints
// the precision and recall it measured.
//
// test/corpus has its own package.json and lock (pinned versions); .ci/run installs it with
// `npm --prefix test/corpus ci`. Nothing is downloaded at test time.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { snapshotRestore } from '../../plugin/esbuild/index.js';
import eslintPlugin from '../../plugin/eslint/index.js';
import { repoRoot, runtimeAlias, tempDir } from '../helpers/plugin-harness.js';
import { runCli } from '../helpers/run-cli.js';

const corpus = path.join(repoRoot, 'test/corpus');
const handlersDir = path.join(corpus, 'handlers');
const installed = fs.existsSync(path.join(corpus, 'node_modules'));
if (!installed && process.env.CI) throw new Error('test/corpus/node_modules is missing: .ci/run installs it with `npm --prefix test/corpus ci`');
if (!installed) {
  console.warn('lint-corpus: skipped, test/corpus/node_modules is missing; install it with `npm --prefix test/corpus ci --no-audit --no-fund`');
}

/**
 * Left out of the bundle: the generated Prisma client (`prisma generate` needs engines from outside
 * the npm registry) and the database drivers that knex and sequelize require for dialects the
 * corpus does not use.
 */
const EXTERNAL = ['@prisma/client', 'better-sqlite3', 'mariadb/*', 'oracledb', 'pg-hstore', 'sqlite3', 'tedious'];

const EXPECT = /\/\/ expect: ([^(]*?)\s*\((.+)\)\s*$/;

interface Expectation {
  codes: string[];
  reason: string;
}

/** `file:line` → what the line expects; lines without a comment expect silence. */
function readExpectations(files: string[]): Map<string, Expectation> {
  const expectations = new Map<string, Expectation>();
  for (const file of files) {
    const lines = fs.readFileSync(path.join(corpus, file), 'utf8').split('\n');
    lines.forEach((line, index) => {
      if (!line.includes('// expect:')) return;
      const match = EXPECT.exec(line);
      if (!match) throw new Error(`${file}:${index + 1}: an expectation needs a reason: \`// expect: SR107 (why)\``);
      const codes = match[1] === 'none' ? [] : match[1]!.split(/[\s,]+/).filter(Boolean);
      for (const code of codes) if (!/^SR1\d\d$/.test(code)) throw new Error(`${file}:${index + 1}: not a uniqueness code: ${code}`);
      expectations.set(`${file}:${index + 1}`, { codes, reason: match[2]! });
    });
  }
  return expectations;
}

interface Score {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  mismatches: string[];
}

/** Compares the findings (`file:line code`) with the expectations, line by line. */
function score(findings: string[], expectations: Map<string, Expectation>): Score {
  const found = new Map<string, Set<string>>();
  for (const finding of findings) {
    const [place, code] = finding.split(' ') as [string, string];
    found.set(place, (found.get(place) ?? new Set()).add(code));
  }
  const result: Score = { truePositives: 0, falsePositives: 0, falseNegatives: 0, mismatches: [] };
  for (const place of new Set([...found.keys(), ...expectations.keys()])) {
    const actual = found.get(place) ?? new Set<string>();
    const expected = expectations.get(place);
    const wanted = new Set(expected?.codes ?? []);
    for (const code of actual) {
      if (wanted.has(code)) result.truePositives++;
      else {
        result.falsePositives++;
        result.mismatches.push(`${place}: reported ${code}, expected ${expected ? expected.codes.join(' ') || 'none' : 'silence'}${expected ? ` (${expected.reason})` : ''}`);
      }
    }
    for (const code of wanted) {
      if (actual.has(code)) continue;
      result.falseNegatives++;
      result.mismatches.push(`${place}: missed ${code} (${expected!.reason})`);
    }
  }
  result.mismatches.sort();
  return result;
}

function summary(name: string, s: Score): string {
  const precision = s.truePositives / (s.truePositives + s.falsePositives || 1);
  const recall = s.truePositives / (s.truePositives + s.falseNegatives || 1);
  return `lint-corpus ${name}: precision ${(precision * 100).toFixed(1)} % (${s.truePositives} of ${s.truePositives + s.falsePositives} findings right), recall ${(recall * 100).toFixed(1)} % (${s.truePositives} of ${s.truePositives + s.falseNegatives} hazards found)`;
}

const isUniqueness = (code: string | undefined): boolean => /^SR1\d\d$/.test(code ?? '');

describe.skipIf(!installed)('uniqueness lint on the real-library corpus', () => {
  const files = installed
    ? fs
        .readdirSync(handlersDir)
        .filter((f) => /\.(?:ts|cjs|mjs)$/.test(f))
        .sort()
        .map((f) => `handlers/${f}`)
    : [];
  const expectations = installed ? readExpectations(files) : new Map<string, Expectation>();

  it('covers at least 25 installed libraries, each pinned to an exact version', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(corpus, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    for (const [name, version] of Object.entries(manifest.dependencies)) expect(version, name).toMatch(/^\d+\.\d+\.\d+$/);
    const imported = new Set<string>();
    for (const file of files) {
      for (const [, specifier] of fs.readFileSync(path.join(corpus, file), 'utf8').matchAll(/(?:from |require\()'([^']+)'/g)) {
        const name = specifier!.startsWith('@') ? specifier!.split('/').slice(0, 2).join('/') : specifier!.split('/')[0]!;
        if (name in manifest.dependencies) imported.add(name);
      }
    }
    expect([...imported].filter((name) => !fs.existsSync(path.join(corpus, 'node_modules', name, 'package.json')))).toEqual([]);
    expect(imported.size).toBeGreaterThanOrEqual(25);
    // Both kinds of expectation, so that precision and recall both mean something.
    expect([...expectations.values()].filter((e) => e.codes.length > 0).length).toBeGreaterThan(40);
    expect([...expectations.values()].filter((e) => e.codes.length === 0).length).toBeGreaterThan(60);
  });

  it('the plugin in a real esbuild build reports exactly the expected findings', async () => {
    const result = await esbuild.build({
      absWorkingDir: corpus,
      entryPoints: files,
      outdir: tempDir('sr-corpus-'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      alias: runtimeAlias,
      external: EXTERNAL,
      write: false,
      logLevel: 'silent',
      plugins: [snapshotRestore({ manifest: false })],
    });
    const findings = [...result.warnings, ...result.errors]
      .filter((m) => m.pluginName === 'snapshot-restore' && isUniqueness(m.id))
      .map((m) => `${m.location!.file}:${m.location!.line} ${m.id}`);
    const s = score(findings, expectations);
    console.log(summary('plugin', s));
    expect(s.mismatches).toEqual([]);
  });

  it('the ESLint rules report the same, file by file', async () => {
    const eslint = new ESLint({
      cwd: corpus,
      overrideConfigFile: true,
      overrideConfig: [
        { files: ['**/*.ts', '**/*.cjs', '**/*.mjs'], languageOptions: { parser: tseslint.parser as never, sourceType: 'module' } },
        { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
        eslintPlugin.configs.recommended,
      ],
    });
    const results = await eslint.lintFiles(files);
    const findings = results.flatMap((r) =>
      r.messages
        .filter((m) => m.ruleId?.startsWith('snapshot-restore/'))
        .map((m) => ({ code: /^\[(SR\d{3})\]/.exec(m.message)?.[1], place: `${path.relative(corpus, r.filePath).split(path.sep).join('/')}:${m.line}` }))
        .filter((m) => isUniqueness(m.code))
        .map((m) => `${m.place} ${m.code}`),
    );
    const s = score(findings, expectations);
    console.log(summary('eslint', s));
    expect(s.mismatches).toEqual([]);
  });

  it('`snapshot-restore check` reports the same', () => {
    const run = runCli(['check', ...files, '--format', 'json', '--external', 'snapshot-restore', ...EXTERNAL.flatMap((e) => ['--external', e])], corpus);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as { findings: Array<{ code: string; location?: { file: string; line: number } }> };
    const findings = report.findings.filter((f) => isUniqueness(f.code)).map((f) => `${f.location!.file}:${f.location!.line} ${f.code}`);
    const s = score(findings, expectations);
    console.log(summary('check', s));
    expect(s.mismatches).toEqual([]);
  });
});
