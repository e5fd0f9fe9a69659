// Every finding reads the same way wherever it is shown: a first sentence that says what and
// where, short enough for an editor's hover (with its `[SRnnn] ` prefix, FIRST_SENTENCE_MAX),
// then the details, then the rule page. Findings are generated, not written here: the real-library
// corpus (test/corpus/handlers) through the esbuild plugin and through ESLint (what an editor
// shows), and the plugin fixtures (fixtures/plugin) for the hook-placement rules; every rule must
// have fired at least once.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../plugin/core/rules/index.js';
import { FIRST_SENTENCE_MAX, firstSentence } from '../../plugin/core/rules/rule.js';
import { snapshotRestore } from '../../plugin/esbuild/index.js';
import eslintPlugin from '../../plugin/eslint/index.js';
import { buildFixture, fixturesDir, repoRoot, runtimeAlias, tempDir } from '../helpers/plugin-harness.js';

const corpus = path.join(repoRoot, 'test/corpus');
const handlers = fs
  .readdirSync(path.join(corpus, 'handlers'))
  .filter((f) => /\.(?:ts|cjs|mjs)$/.test(f))
  .sort()
  .map((f) => `handlers/${f}`);

/** A library test/corpus has not installed (`npm --prefix test/corpus ci`) is left out: the user's code is still analysed. */
const librariesOutside: esbuild.Plugin = {
  name: 'libraries-outside',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      const name = args.path
        .split('/')
        .slice(0, args.path.startsWith('@') ? 2 : 1)
        .join('/');
      if (name.startsWith('snapshot-restore') || name.startsWith('node:') || fs.existsSync(path.join(corpus, 'node_modules', name))) return undefined;
      return { path: args.path, external: true };
    });
  },
};

/** The options a fixture needs for its findings (as test/integration/plugin-fixtures.test.ts builds them). */
const FIXTURE_OPTIONS: Record<string, Parameters<typeof buildFixture>[1]> = {
  'inside-handler': { plugin: { hoist: false } },
  'invoke-only': { format: 'cjs' },
  'not-in-bundle': { plugin: { include: 'src/**/*.ts' } },
  'cjs-order': { format: 'cjs' },
  'clean-esm': { plugin: { deploy: 'zip' } },
};

interface Shown {
  code: string;
  /** Where it came from: the tool and the file. */
  from: string;
  /** The message as the tool shows it, `[SRnnn] ` prefix included. */
  text: string;
}

async function pluginMessages(): Promise<Shown[]> {
  const shown: Shown[] = [];
  const ours = (messages: esbuild.Message[], from: string) => {
    for (const m of messages) if (m.pluginName === 'snapshot-restore') shown.push({ code: m.id, from: `esbuild ${m.location?.file ?? from}`, text: m.text });
  };
  const corpusBuild = await esbuild.build({
    absWorkingDir: corpus,
    entryPoints: handlers,
    outdir: tempDir('sr-messages-'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    alias: runtimeAlias,
    write: false,
    logLevel: 'silent',
    plugins: [librariesOutside, snapshotRestore({ manifest: false })],
    // The generated Prisma client and the drivers of dialects the corpus does not use (lint-corpus.test.ts).
    external: ['@prisma/client', 'better-sqlite3', 'mariadb/*', 'oracledb', 'pg-hstore', 'sqlite3', 'tedious'],
  });
  ours([...corpusBuild.errors, ...corpusBuild.warnings], 'test/corpus');
  for (const name of fs.readdirSync(fixturesDir).sort()) {
    const built = await buildFixture(name, FIXTURE_OPTIONS[name]);
    ours([...built.errors, ...built.warnings], `fixtures/plugin/${name}`);
  }
  return shown;
}

async function eslintMessages(): Promise<Shown[]> {
  const eslint = new ESLint({
    cwd: corpus,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts', '**/*.cjs', '**/*.mjs'], languageOptions: { parser: tseslint.parser as never, sourceType: 'module' } },
      { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
      eslintPlugin.configs.recommended,
    ],
  });
  const results = await eslint.lintFiles(handlers);
  return results.flatMap((r) =>
    r.messages
      .filter((m) => m.ruleId?.startsWith('snapshot-restore/'))
      .map((m) => ({ code: /^\[(SR\d{3})\]/.exec(m.message)?.[1] ?? '?', from: `eslint ${path.relative(corpus, r.filePath)}:${m.line}`, text: m.message })),
  );
}

describe('finding messages', () => {
  it(`every rule fires on the corpus and the fixtures, and each finding's first sentence is at most ${FIRST_SENTENCE_MAX} characters, then details, then the rule page`, async () => {
    const shown = [...(await pluginMessages()), ...(await eslintMessages())];
    expect(new Set(shown.map((s) => s.code))).toEqual(new Set(RULES.map((rule) => rule.id)));
    const wrong: string[] = [];
    for (const { code, from, text } of shown) {
      const first = firstSentence(text);
      if (!text.startsWith(`[${code}] `)) wrong.push(`${from}: no [${code}] prefix: ${text}`);
      if (first.length > FIRST_SENTENCE_MAX) wrong.push(`${from}: first sentence of ${first.length} characters: ${first}`);
      if (first === text) wrong.push(`${from}: one sentence, no details: ${text}`);
      if (!text.endsWith(`Rule page: ${RULES.find((rule) => rule.id === code)!.docsUrl}`)) wrong.push(`${from}: no rule page at the end: ${text}`);
    }
    expect(wrong).toEqual([]);
  });
});
