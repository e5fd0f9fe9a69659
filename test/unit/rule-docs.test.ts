// The rules' documentation is generated from or checked against the rule modules: the README
// tables, `check --help`, and (below) one docs/rules/ page per rule.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as core from '../../plugin/core/index.js';
import { help as checkHelp } from '../../cli/commands/check.js';
// @ts-expect-error: a plain .mjs script without types
import { tablesOf, withRuleTables } from '../../scripts/rule-tables.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('README', () => {
  it('its rule tables are the rule modules (node scripts/rule-tables.mjs rewrites them)', () => {
    const readme = fs.readFileSync(path.join(repo, 'README.md'), 'utf8');
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
