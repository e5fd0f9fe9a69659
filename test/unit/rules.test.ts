// The rule modules (plugin/core/rules/) are the one source of every rule's metadata: each is
// complete and consistent, every message and suggestion the checks can produce is one of its
// templates, and what reports show comes from them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEVERITY, DIAGNOSTIC_TITLES, RULES, eslintMeta, pascalName, ruleById } from '../../plugin/core/index.js';
import { FIRST_SENTENCE_MAX, fill, firstSentence, type Rule } from '../../plugin/core/rules/rule.js';
import { allRules } from '../../cli/report/rules.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const rulesDir = path.join(repo, 'plugin/core/rules');

describe('rule modules', () => {
  it('one module per rule, named <id>-<name>.ts, each listed in the index', () => {
    const files = fs.readdirSync(rulesDir).filter((f) => /^SR\d{3}-/.test(f));
    expect(files.sort()).toEqual(RULES.map((r) => `${r.id}-${r.name}.ts`).sort());
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    expect(new Set(RULES.map((r) => r.name)).size).toBe(RULES.length);
  });

  it('each has its metadata, and the checks it names exist and mention it', () => {
    for (const rule of RULES) {
      expect(rule.id, rule.id).toMatch(/^SR\d{3}$/);
      expect(rule.name, rule.id).toMatch(/^[a-z]+(?:-[a-z0-9]+)*$/);
      expect(rule.title.length, rule.id).toBeGreaterThan(5);
      expect(['error', 'warning']).toContain(rule.defaultSeverity);
      expect(rule.help, rule.id).toMatch(/\.$/);
      expect(rule.docsUrl, rule.id).toMatch(new RegExp(`/docs/rules/${rule.id}\\.md$`));
      expect(Object.keys(rule.messages).length, rule.id).toBeGreaterThan(0);
      expect(rule.checks.length, rule.id).toBeGreaterThan(0);
      const sources = rule.checks.map((file) => fs.readFileSync(path.join(repo, 'plugin/core', file), 'utf8'));
      // The code that reports it uses the module (`SR001.message(...)`), or, for the uniqueness
      // rules, finds it through the match tables.
      const reports = sources.some((source) => source.includes(`${rule.id}.message(`) || source.includes('rules/uniqueness-match.js'));
      expect(reports, rule.id).toBe(true);
    }
  });

  it('every message and suggestion template is used by a check', () => {
    const sources = fs
      .readdirSync(path.join(repo, 'plugin/core'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => fs.readFileSync(path.join(repo, 'plugin/core', f), 'utf8'))
      .join('\n');
    for (const rule of RULES) {
      for (const id of [...Object.keys(rule.messages), ...Object.keys(rule.suggestions)]) {
        expect(sources.includes(`'${id}'`), `${rule.id} ${id}`).toBe(true);
      }
    }
  });

  it(`every message, whatever it quotes, opens with a sentence of at most ${FIRST_SENTENCE_MAX} characters, then details, the long values in full, the rule page`, () => {
    // Generated values: short, long code, long paths, code with backticks, a secret.
    const values = [
      (key: string) => key,
      (key: string) => `${key}(${'argument, '.repeat(30)})`,
      (key: string) => `${'deep/'.repeat(40)}${key}.ts`,
      (key: string) => `\`${key}\` with ${'`x` '.repeat(20)}`,
      (key: string) => `new Redis('redis://:hunter2@${key}.internal:6379/${'0'.repeat(80)}')`,
    ];
    for (const rule of RULES) {
      for (const [id, template] of Object.entries<string>(rule.messages)) {
        const keys = [...template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!);
        for (const value of values) {
          const data = Object.fromEntries(keys.map((key) => [key, value(key)]));
          const text = `[${rule.id}] ${(rule as Rule).message(id, data)}`;
          const first = firstSentence(text);
          expect(first.length, `${rule.id} ${id}: ${first}`).toBeLessThanOrEqual(FIRST_SENTENCE_MAX);
          expect(text.length, `${rule.id} ${id} has details`).toBeGreaterThan(first.length);
          expect(text, `${rule.id} ${id}`).toMatch(new RegExp(`\\. Rule page: ${rule.docsUrl.replaceAll('.', '\\.')}$`));
          expect(text, `${rule.id} ${id}`).not.toContain('hunter2');
          // What the first sentence had to shorten is in the message in full.
          for (const key of keys) expect(text, `${rule.id} ${id} {{${key}}}`).toContain(fill(`{{${key}}}`, data));
        }
      }
    }
  });

  it('templates name every placeholder and refuse a missing one', () => {
    expect(fill('`{{a}}` and {{ b }}', { a: 'x', b: 2 })).toBe('`x` and 2');
    expect(() => fill('{{a}}', {})).toThrow('{{a}}');
  });

  it('the derived tables are the modules', () => {
    for (const rule of RULES) {
      expect(DIAGNOSTIC_TITLES[rule.id]).toBe(rule.title);
      expect(DEFAULT_SEVERITY[rule.id]).toBe(rule.defaultSeverity);
      expect(ruleById(rule.id)).toBe(rule);
    }
    expect(ruleById('SR999')).toBeUndefined();
  });

  it('SARIF and --help rules come from the modules', () => {
    const shown = allRules();
    expect(shown.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    for (const [i, rule] of RULES.entries()) {
      expect(shown[i]).toEqual({
        id: rule.id,
        name: pascalName(rule),
        title: rule.title,
        help: rule.help,
        defaultLevel: rule.defaultSeverity,
        helpUri: rule.docsUrl,
      });
    }
  });

  it('each maps onto an ESLint rule meta', () => {
    for (const rule of RULES) {
      const meta = eslintMeta(rule);
      expect(meta.docs.url).toBe(rule.docsUrl);
      expect(meta.type).toBe('problem');
      expect(meta.hasSuggestions).toBe(Object.keys(rule.suggestions).length > 0);
      // ESLint placeholders are {{name}}; message ids must not collide with suggestion ids.
      expect(Object.keys(meta.messages).length).toBe(Object.keys(rule.messages).length + Object.keys(rule.suggestions).length);
    }
  });
});
