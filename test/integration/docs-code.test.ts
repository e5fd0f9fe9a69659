// Docs are code: every fenced block of README.md, docs/*.md and docs/rules/*.md is extracted
// (scripts/docs/code-blocks.mjs) and treated as its fence says:
// - ts, js: written into one scratch project that installs both packages as built (dist/), and
//   type-checked in one `tsc` run (js too: checkJs); `check` builds its folder with the esbuild
//   plugin, which must report nothing;
// - dockerfile: names an examples/ file (`title=`) and is that file, byte for byte; yaml and json
//   with a `title=` under examples/ too, and otherwise parse;
// - sh: not run; a `snapshot-restore <command>` line uses only options that command's --help has;
// - text: output, shown as it is.
// Each block is a file of a folder per page section, so blocks of one section can import each
// other (a rule's src/hooks.ts and src/handler.ts).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { help as checkHelp } from '../../cli/commands/check.js';
import { help as emulateHelp } from '../../cli/commands/emulate.js';
import { help as manifestHelp } from '../../cli/commands/manifest.js';
import { snapshotRestore } from '../../plugin/esbuild/index.js';
import { repoRoot, tempDir } from '../helpers/bundle.js';
import { requireBuild } from '../helpers/lifecycle.js';
// @ts-expect-error: a plain .mjs script without types
import { codeBlocks } from '../../scripts/docs/code-blocks.mjs';
// @ts-expect-error: a plain .mjs script without types
import { HELP_PAGES, withHelp } from '../../scripts/docs/cli-help.mjs';
// @ts-expect-error: a plain .mjs script without types
import { withoutCode } from '../../scripts/docs/slug.mjs';
// @ts-expect-error: a plain .mjs script without types
import { eslintLine, withEslintLine } from '../../scripts/rule-tables.mjs';
import { RULES } from '../../plugin/core/rules/index.js';
import { DOCS_BASE } from '../../plugin/core/rules/rule.js';
import { BUILD_TIME_RULES, rules as eslintRules } from '../../plugin/eslint/rules.js';

interface CodeBlock {
  page: string;
  line: number;
  lang: string;
  attrs: Record<string, string | true>;
  body: string;
  section: string;
}

const pages = [
  'README.md',
  ...['docs', 'docs/rules'].flatMap((dir) =>
    readdirSync(join(repoRoot, dir))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `${dir}/${f}`),
  ),
];
const blocks: CodeBlock[] = pages.flatMap((page) => codeBlocks(page, readFileSync(join(repoRoot, page), 'utf8')) as CodeBlock[]);
// js-yaml (a dependency of ESLint's) has no types here.
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
const where = (block: CodeBlock) => `${block.page}:${block.line}`;
const LANGS = ['ts', 'js', 'sh', 'dockerfile', 'yaml', 'json', 'text'];

describe('every code block of the docs', () => {
  it('says what it is: one of ts, js, sh, dockerfile, yaml, json, text', () => {
    expect(blocks.filter((b) => !LANGS.includes(b.lang)).map((b) => `${where(b)} \`\`\`${b.lang}`)).toEqual([]);
    expect(blocks.length).toBeGreaterThan(60);
  });

  it('an examples/ file it names is that file, byte for byte (every dockerfile names one)', () => {
    const differ: string[] = [];
    for (const block of blocks) {
      const title = block.attrs.title;
      if (block.lang === 'dockerfile' && (typeof title !== 'string' || !title.startsWith('examples/'))) differ.push(`${where(block)}: a Dockerfile that names no examples/ file`);
      if (typeof title !== 'string' || !title.startsWith('examples/')) continue;
      const file = join(repoRoot, title);
      if (!existsSync(file)) differ.push(`${where(block)}: ${title} does not exist`);
      else if (readFileSync(file, 'utf8') !== block.body) differ.push(`${where(block)}: differs from ${title}`);
    }
    expect(differ).toEqual([]);
  });

  it('yaml and json parse', () => {
    const bad: string[] = [];
    for (const block of blocks.filter((b) => b.lang === 'yaml' || b.lang === 'json')) {
      try {
        if (block.lang === 'json') JSON.parse(block.body);
        // CloudFormation's short forms (!Ref, !GetAtt) are tags js-yaml does not know: read without them.
        else yaml.load(block.body.replace(/ !(Ref|GetAtt|Sub|Join|If|Equals|Select|Split|ImportValue) /g, ' '));
      } catch (error) {
        bad.push(`${where(block)}: ${(error as Error).message.split('\n')[0]}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('a `snapshot-restore` command in a sh block uses only options its --help lists', () => {
    const helps: Record<string, string> = { check: checkHelp, manifest: manifestHelp, emulate: emulateHelp };
    const unknown: string[] = [];
    let commands = 0;
    for (const block of blocks.filter((b) => b.lang === 'sh')) {
      for (const line of block.body.split('\n')) {
        for (const [, command, rest] of line.matchAll(/snapshot-restore (check|manifest|emulate)\b([^#;&|]*)/g)) {
          commands++;
          for (const [flag] of rest!.matchAll(/--[a-z-]+/g))
            if (!new RegExp(`^\\s+(-\\w, )?${flag}\\b`, 'm').test(helps[command!]!)) unknown.push(`${where(block)}: ${command} ${flag}`);
        }
      }
    }
    expect(unknown).toEqual([]);
    expect(commands).toBeGreaterThan(3);
  });
});

describe('README.md', () => {
  it('is the first hour only: at most 250 lines, the install commands, and the one example checked', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    expect(readme.split('\n').length).toBeLessThanOrEqual(250);
    expect(readme).toContain('npm install snapshot-restore ');
    expect(readme).toContain('npm install -D snapshot-restore-tools');
    expect(blocks.filter((b) => b.page === 'README.md' && b.attrs.check).length).toBe(1);
    expect(blocks.filter((b) => b.page === 'README.md' && b.lang === 'dockerfile').map((b) => b.attrs.title)).toEqual(['examples/container-nodejs/Dockerfile']);
  });
});

describe('the CLI in the docs', () => {
  const helps: Record<string, string> = { check: checkHelp, manifest: manifestHelp, emulate: emulateHelp };

  it("the --help blocks are the commands' help (node scripts/docs/cli-help.mjs rewrites them)", () => {
    for (const page of HELP_PAGES as string[]) {
      const markdown = readFileSync(join(repoRoot, page), 'utf8');
      expect(markdown).toMatch(/<!-- help:\w+ -->/);
      expect(withHelp(markdown, helps), page).toBe(markdown);
    }
  });

  it('every option the prose names is an option of the command the page is about', () => {
    const unknown: string[] = [];
    const pages: Record<string, string[]> = { 'docs/cli.md': ['check', 'manifest'], 'docs/emulate.md': ['emulate'] };
    for (const [page, commands] of Object.entries(pages)) {
      const prose = withoutCode(readFileSync(join(repoRoot, page), 'utf8')) as string;
      // A flag in a code span about another program (`node --build-snapshot`, `check --format json`)
      // is that program's.
      const spans = [...prose.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
      const own = [
        prose.replace(/`[^`]+`/g, ''),
        ...spans.filter(
          (span) => !/^(node |NODE_OPTIONS=|(snapshot-restore )?(check|manifest|emulate) )/.test(span) || new RegExp(`^(snapshot-restore )?(${commands.join('|')}) `).test(span),
        ),
      ];
      for (const [flag] of own.join('\n').matchAll(/(?<![\w-])--[a-z][a-z-]*/g)) {
        if (!commands.some((command) => new RegExp(`^\\s+(-\\w, )?${flag}\\b`, 'm').test(helps[command]!))) unknown.push(`${page}: ${flag}`);
      }
    }
    expect(unknown).toEqual([]);
  });

  it('the JSON Schema check --help names is in the packed package', async () => {
    const named = /node_modules\/snapshot-restore-tools\/(\S+\.schema\.json)/.exec(checkHelp)?.[1];
    expect(named).toBeDefined();
    const packed = await new Promise<string>((done) =>
      execFile('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 }, (_e, stdout) => done(stdout)),
    );
    const files = (JSON.parse(packed) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path);
    expect(files).toContain(named);
    expect(existsSync(join(repoRoot, named!))).toBe(true);
  });
});

describe('the rule pages', () => {
  it('each names its ESLint rule id, or says it has none (node scripts/rule-tables.mjs writes the line)', () => {
    for (const rule of RULES) {
      const page = readFileSync(join(repoRoot, 'docs/rules', `${rule.id}.md`), 'utf8');
      expect(page).toContain('<!-- rule:eslint -->');
      expect(withEslintLine(page, eslintLine(rule, BUILD_TIME_RULES)), rule.id).toBe(page);
      expect(rule.name in eslintRules, rule.id).toBe(!(BUILD_TIME_RULES as readonly string[]).includes(rule.id));
    }
  });

  it("a rule's docsUrl is its page in the repository, on the repository's homepage", () => {
    const homepage = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { homepage: string }).homepage.replace(/#.*$/, '');
    expect(DOCS_BASE).toBe(`${homepage}/blob/main/docs/rules/`);
    for (const rule of RULES) {
      expect(rule.docsUrl).toBe(`${DOCS_BASE}${rule.id}.md`);
      expect(existsSync(join(repoRoot, rule.docsUrl.slice(`${homepage}/blob/main/`.length))), rule.docsUrl).toBe(true);
    }
  });
});

describe('ts and js blocks', () => {
  let project: string;
  /** Scratch file -> its block. */
  const files = new Map<string, CodeBlock>();

  beforeAll(() => {
    requireBuild();
    project = tempDir('sr-docs-code-');
    // Every package of the repository, and both of its own packages as built.
    const modules = join(project, 'node_modules');
    mkdirSync(modules);
    // Then the lint corpus's libraries (uuid, ioredis, ...; `npm --prefix test/corpus ci`), which
    // the rule pages' examples import, where the repository has none of that name.
    const link = (from: string) => {
      for (const entry of readdirSync(from).filter((e) => !e.startsWith('.'))) {
        // A scope (@aws-sdk) is a folder of packages: link each.
        const scoped = entry.startsWith('@') ? readdirSync(join(from, entry)).map((name) => `${entry}/${name}`) : [entry];
        if (entry.startsWith('@')) mkdirSync(join(modules, entry), { recursive: true });
        for (const name of scoped) if (!existsSync(join(modules, name))) symlinkSync(join(from, name), join(modules, name));
      }
    };
    link(join(repoRoot, 'node_modules'));
    if (existsSync(join(repoRoot, 'test/corpus/node_modules'))) link(join(repoRoot, 'test/corpus/node_modules'));
    symlinkSync(repoRoot, join(modules, 'snapshot-restore-tools'));
    writeFileSync(join(project, 'package.json'), '{ "type": "module" }\n');
    const tsconfig = {
      compilerOptions: {
        target: 'ES2022',
        // As a Lambda handler's TypeScript is usually read: by a bundler (esbuild, which builds the
        // rule pages' examples too). Every resolution mode is tested on the packed packages elsewhere.
        module: 'Preserve',
        moduleResolution: 'Bundler',
        lib: ['ES2022', 'DOM'],
        types: ['node'],
        strict: true,
        noEmit: true,
        allowJs: true,
        checkJs: true,
        skipLibCheck: true,
        allowImportingTsExtensions: true,
      },
      include: ['pages'],
    };
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
    const sections = new Map<string, number>();
    // An examples/ file is that file (checked above) and its example's own tests build it.
    for (const block of blocks.filter((b) => (b.lang === 'ts' || b.lang === 'js') && !String(b.attrs.title).startsWith('examples/'))) {
      const key = `${block.page}#${block.section}`;
      if (!sections.has(key)) sections.set(key, sections.size);
      const name = typeof block.attrs.title === 'string' ? block.attrs.title : `block-${block.line}.${block.lang === 'ts' ? 'ts' : 'mjs'}`;
      const file = join(project, 'pages', block.page.replace(/\.md$/, ''), String(sections.get(key)), name);
      if ([...files.keys()].includes(file)) throw new Error(`${where(block)}: a second ${name} in its section`);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, block.body);
      files.set(file, block);
    }
  });

  it('type-check, all in one tsc run', async () => {
    const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
    const output = await new Promise<string>((done) =>
      execFile(process.execPath, [tsc, '-p', project, '--pretty', 'false'], { maxBuffer: 16 * 1024 * 1024 }, (_e, stdout, stderr) => done(stdout + stderr)),
    );
    // `pages/docs/hooks/2/block-6.ts(3,7): error TS...` -> `docs/hooks.md:8: error TS...`
    const errors = output
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const match = /^(.+?)\((\d+),(\d+)\): (.*)$/.exec(line);
        const block = match && files.get(join(project, match[1]!));
        return block ? `${block.page}:${block.line + Number(match![2]) - 1}: ${match![4]}` : line;
      });
    expect(errors).toEqual([]);
    expect(files.size).toBeGreaterThan(40);
  });

  it('`check` blocks build with the esbuild plugin without a finding', async () => {
    const checked = [...files].filter(([, block]) => block.attrs.check);
    expect(checked.length).toBeGreaterThan(0);
    for (const [file, block] of checked) {
      const result = await esbuild.build({
        absWorkingDir: dirname(file),
        entryPoints: [file],
        bundle: true,
        platform: 'node',
        format: 'esm',
        write: false,
        outdir: 'out',
        packages: 'external',
        logLevel: 'silent',
        plugins: [snapshotRestore({ manifest: false, failOn: 'warning' })],
      });
      expect(
        [...result.errors, ...result.warnings].map((m) => `${m.id} ${m.text}`),
        `${where(block)} (${relative(project, file)})`,
      ).toEqual([]);
    }
  });
});
