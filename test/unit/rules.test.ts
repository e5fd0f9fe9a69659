// The rule modules (plugin/core/rules/) are the one source of every rule's metadata: each is
// complete and consistent, every message and suggestion the checks can produce is one of its
// templates, and what reports show comes from them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEVERITY, DIAGNOSTIC_TITLES, RULES, eslintMeta, pascalName, ruleById } from '../../plugin/core/index.js';
import { fill } from '../../plugin/core/rules/rule.js';
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
