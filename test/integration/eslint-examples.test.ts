// End to end: `npx eslint` with the recommended config (test/helpers/eslint.config.mjs, the
// README's config) over the examples and the plugin fixtures gives exactly the per-module
// findings the esbuild plugin gives on the same files: same codes, same places. The build's
// other findings (SR003, SR004, SR007) need the module graph and are build-time only; files the
// bundle does not contain are not compared (the build never reads them).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { snapshotRestore } from '../../plugin/esbuild/index.js';
import { ruleCodes } from '../../plugin/eslint/index.js';
import { RULES } from '../../plugin/core/rules/index.js';
import { runtimeAlias, tempDir } from '../helpers/plugin-harness.js';
import { repoRoot } from '../helpers/bundle.js';
import { runProcess } from '../helpers/hang.js';

interface Place {
  code: string;
  file: string;
  line: number;
  column: number;
}

const LINTED = new Set(Object.values(ruleCodes));
const SOURCE = /\.(?:[cm]?[jt]s|tsx|jsx)$/;
const ENTRY = /export\s+(?:const|let|async\s+function|function)\s+handler\b|exports\.handler\b|module\.exports\s*=\s*\{[^}]*\bhandler\b/;
const key = (p: Place) => `${p.file}:${String(p.line).padStart(5)}:${String(p.column).padStart(4)}:${p.code}`;
const sorted = (places: Place[]) => [...new Map(places.map((p) => [key(p), p])).values()].sort((a, b) => key(a).localeCompare(key(b)));

function sourcesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => SOURCE.test(f) && !f.endsWith('.d.ts'))
    .map((f) => path.join(dir, f));
}

/** The projects compared: each example's sources (the demo is one file), and each plugin fixture. */
function projects(): Array<{ name: string; dir: string; files: string[] }> {
  const examples = fs.readdirSync(path.join(repoRoot, 'examples')).map((name) => {
    const dir = path.join(repoRoot, 'examples', name);
    return { name: `examples/${name}`, dir, files: name === 'demo' ? [path.join(dir, 'handler.ts')] : sourcesUnder(path.join(dir, 'src')) };
  });
  // syntax-error: ESLint's parser and esbuild report the syntax error themselves. wrapper-module
  // needs the `modules` option (the config below does not set it).
  const skip = new Set(['syntax-error', 'wrapper-module']);
  const fixtures = fs
    .readdirSync(path.join(repoRoot, 'fixtures/plugin'))
    .filter((name) => !skip.has(name))
    .map((name) => {
      const dir = path.join(repoRoot, 'fixtures/plugin', name);
      return { name: `fixtures/plugin/${name}`, dir, files: sourcesUnder(path.join(dir, 'src')) };
    });
  // Only projects with a handler to bundle (the testing recipes have none: nothing to compare).
  return [...examples, ...fixtures].filter((p) => p.files.some((f) => ENTRY.test(fs.readFileSync(f, 'utf8'))));
}

/** What the esbuild plugin reports on the project, per-module codes only, and the files its bundles contain. */
async function pluginFindings(dir: string, files: string[]): Promise<{ places: Place[]; bundled: Set<string> }> {
  const places: Place[] = [];
  const bundled = new Set<string>();
  const type = fs.existsSync(path.join(dir, 'package.json')) ? (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).type as string | undefined) : undefined;
  for (const entry of files.filter((f) => ENTRY.test(fs.readFileSync(f, 'utf8')))) {
    const result = await esbuild
      .build({
        absWorkingDir: dir,
        entryPoints: [entry],
        bundle: true,
        platform: 'node',
        format: entry.endsWith('.cjs') || (type === 'commonjs' && !entry.endsWith('.mjs')) ? 'cjs' : 'esm',
        target: 'node20',
        outdir: tempDir('sr-eslint-e2e-'),
        write: false,
        metafile: true,
        alias: runtimeAlias,
        mainFields: ['module', 'main'],
        logLevel: 'silent',
        // Every finding as a warning, so that the build completes and gives its metafile (the
        // places compared do not depend on the severity).
        plugins: [snapshotRestore({ severity: Object.fromEntries(RULES.map((r) => [r.id, 'warning'])) })],
      })
      .catch((failure: esbuild.BuildFailure) => ({ warnings: failure.warnings, errors: failure.errors, metafile: undefined }));
    for (const input of Object.keys(result.metafile?.inputs ?? {})) bundled.add(path.resolve(dir, input));
    for (const message of [...result.errors, ...result.warnings]) {
      if (message.pluginName !== 'snapshot-restore' || !message.location || !LINTED.has(message.id)) continue;
      places.push({ code: message.id, file: path.relative(repoRoot, path.resolve(dir, message.location.file)), line: message.location.line, column: message.location.column });
    }
  }
  return { places, bundled };
}

/** `npx eslint --format json` over all files at once, as a user runs it. */
async function eslintFindings(files: string[]): Promise<Place[]> {
  const {
    code: exit,
    stdout,
    stderr,
  } = await runProcess(
    path.join(repoRoot, 'node_modules/.bin/eslint'),
    ['--format', 'json', '--config', 'test/helpers/eslint.config.mjs', '--no-warn-ignored', ...files.map((f) => path.relative(repoRoot, f))],
    { cwd: repoRoot },
  );
  // Exit code 1 means findings at error level; anything else is a failure of ESLint itself.
  if (exit !== 0 && exit !== 1) throw new Error(`eslint failed (${exit}): ${stderr}`);
  const results = JSON.parse(stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string | null; line: number; column: number; message: string }> }>;
  const places: Place[] = [];
  for (const result of results) {
    for (const message of result.messages) {
      if (!message.ruleId?.startsWith('snapshot-restore/')) throw new Error(`${result.filePath}: ${message.message}`);
      const code = ruleCodes[message.ruleId.slice('snapshot-restore/'.length)]!;
      // ESLint columns are 1-based, esbuild's 0-based.
      places.push({ code, file: path.relative(repoRoot, result.filePath), line: message.line, column: message.column - 1 });
    }
  }
  return places;
}

describe('npx eslint with the recommended config = the esbuild plugin, per module', () => {
  const all = projects();
  let linted: Promise<Place[]> | undefined;
  const lintAll = () => (linted ??= eslintFindings(all.flatMap((p) => p.files)));

  for (const project of all) {
    it(project.name, async () => {
      const [{ places, bundled }, fromEslint] = await Promise.all([pluginFindings(project.dir, project.files), lintAll()]);
      const files = new Set(project.files.filter((f) => bundled.has(f)).map((f) => path.relative(repoRoot, f)));
      expect(files.size).toBeGreaterThan(0);
      expect(sorted(fromEslint.filter((p) => files.has(p.file)))).toEqual(sorted(places));
    });
  }

  it('the comparison is not empty: both find the same hazards where there are some', async () => {
    const fromEslint = await lintAll();
    const codes = new Set(fromEslint.map((p) => p.code));
    for (const code of ['SR001', 'SR002', 'SR005', 'SR006', 'SR105']) expect(codes, code).toContain(code);
  });
});
