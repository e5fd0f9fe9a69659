// The rules' documentation is generated from or checked against the rule modules: the tables of
// docs/checks.md, `check --help`, and (below) one docs/rules/ page per rule.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import * as core from '../../plugin/core/index.js';
import { snapshotRestore } from '../../plugin/esbuild/index.js';
import { tempDir } from '../helpers/run-cli.js';
import { help as checkHelp } from '../../cli/commands/check.js';
// @ts-expect-error: a plain .mjs script without types
import { tablesOf, withRuleTables } from '../../scripts/rule-tables.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('docs/checks.md', () => {
  it('its rule tables are the rule modules (node scripts/rule-tables.mjs rewrites them)', () => {
    const readme = fs.readFileSync(path.join(repo, 'docs/checks.md'), 'utf8');
    expect(readme).toContain('<!-- rules:hooks -->');
    expect(readme).toContain('<!-- rules:uniqueness -->');
    expect(withRuleTables(readme, tablesOf(core))).toBe(readme);
  });
});

describe('check --help', () => {
  it('lists every rule with its default severity and title', () => {
    for (const rule of core.RULES) {
      expect(checkHelp).toContain(`  ${rule.id}  ${rule.defaultSeverity.padEnd(7)}  ${rule.title}`);
    }
  });
});

interface Example {
  title: string;
  fires: boolean;
  files: Record<string, string>;
  options: { plugin?: core.SnapshotRestoreOptions; format?: 'esm' | 'cjs' };
}

/** The examples of a page: each `### Fires: ...` / `### Does not fire: ...` section with its code
 *  blocks (```ts title=src/handler.ts, and ```json title=options for the build's options). */
function examplesOf(page: string): Example[] {
  const sections = page.split(/^### /m).slice(1);
  return sections.map((section) => {
    const title = section.split('\n')[0]!;
    const files: Record<string, string> = {};
    let options: Example['options'] = {};
    for (const [, lang, name, body] of section.matchAll(/^```(\w+) title=(\S+)\n([\s\S]*?)^```$/gm)) {
      if (lang === 'json' && name === 'options') options = JSON.parse(body!);
      else files[name!] = body!;
    }
    return { title, fires: title.startsWith('Fires:'), files, options };
  });
}

/** The findings of the real esbuild plugin on the example, as `code file:line`. */
async function findingsOf(example: Example): Promise<string[]> {
  const dir = tempDir('sr-docs-');
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }');
  for (const [name, body] of Object.entries(example.files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), body);
  }
  let messages: esbuild.Message[];
  try {
    const result = await esbuild.build({
      absWorkingDir: dir,
      entryPoints: ['src/handler.ts'],
      bundle: true,
      platform: 'node',
      format: example.options.format ?? 'esm',
      write: false,
      outdir: 'out',
      packages: 'external',
      logLevel: 'silent',
      plugins: [snapshotRestore({ ...example.options.plugin, manifest: false })],
    });
    messages = [...result.errors, ...result.warnings];
  } catch (error) {
    const failure = error as esbuild.BuildFailure;
    if (!failure.errors) throw error;
    messages = [...failure.errors, ...failure.warnings];
  }
  const own = messages.filter((m) => m.pluginName === 'snapshot-restore');
  // Only the plugin's findings: an example must not fail to build for any other reason.
  expect(
    messages.filter((m) => m.pluginName !== 'snapshot-restore' && !m.id),
    example.title,
  ).toEqual([]);
  return own.map((m) => `${m.id} ${m.location?.file}:${m.location?.line}`);
}

/** The lines an example marks with `// ← SRnnn`, as `code file:line`. */
function marked(example: Example, code: string): string[] {
  return Object.entries(example.files).flatMap(([name, body]) => body.split('\n').flatMap((line, i) => (line.includes(`// ← ${code}`) ? [`${code} ${name}:${i + 1}`] : [])));
}

describe('docs/rules: one page per rule', () => {
  const pages = fs.readdirSync(path.join(repo, 'docs/rules')).filter((f) => f.endsWith('.md'));

  it('every rule has a page and every page a rule', () => {
    expect(pages.sort()).toEqual(core.RULES.map((r) => `${r.id}.md`).sort());
  });

  for (const rule of core.RULES) {
    describe(rule.id, () => {
      const page = fs.readFileSync(path.join(repo, 'docs/rules', `${rule.id}.md`), 'utf8');

      it('names the rule, its default severity and its module, and has every section', () => {
        expect(page.split('\n')[0]).toBe(`# ${rule.id}: ${rule.title}`);
        expect(page).toContain(`Default severity: **${rule.defaultSeverity}**.`);
        expect(page).toContain(`(../../plugin/core/rules/${rule.id}-${rule.name}.ts)`);
        const sections = [...page.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
        expect(sections).toEqual([rule.id.startsWith('SR1') ? 'What is shared' : 'What goes wrong', 'Why it matters', 'How to fix', 'How to silence', 'Examples']);
        expect(rule.docsUrl.endsWith(`/docs/rules/${rule.id}.md`)).toBe(true);
      });

      const examples = examplesOf(page);
      it('has examples that fire and that do not', () => {
        expect(examples.some((e) => e.fires)).toBe(true);
        expect(examples.some((e) => !e.fires)).toBe(true);
        for (const example of examples) expect(Object.keys(example.files), example.title).toContain('src/handler.ts');
      });

      for (const example of examples) {
        it(`behaves as the page says: ${example.title}`, async () => {
          const found = (await findingsOf(example)).filter((f) => f.startsWith(`${rule.id} `));
          if (example.fires) {
            expect(marked(example, rule.id).length, 'a firing example marks its lines').toBeGreaterThan(0);
            expect(found.sort()).toEqual(marked(example, rule.id).sort());
          } else {
            expect(found).toEqual([]);
          }
        });
      }
    });
  }
});
