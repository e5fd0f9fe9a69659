// The rule tables of docs/checks.md, generated from the rule modules (plugin/core/rules/): run
// after a build, `node scripts/rule-tables.mjs` rewrites the blocks between the `rules:` markers
// there; test/unit/rule-docs.test.ts fails when they are out of date.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The Markdown table of some rules: code (linking to its page, beside docs/checks.md), default severity, finding. */
export function ruleTable(rules) {
  return ['| code | default | finding |', '|---|---|---|', ...rules.map((rule) => `| [${rule.id}](rules/${rule.id}.md) | ${rule.defaultSeverity} | ${rule.title} |`)].join('\n');
}

/** Markdown text with each `<!-- rules:NAME -->` ... `<!-- /rules:NAME -->` block replaced. */
export function withRuleTables(readme, tables) {
  return readme.replace(/(<!-- rules:(\w+) -->)[\s\S]*?(<!-- \/rules:\2 -->)/g, (whole, open, name, close) => (name in tables ? `${open}\n${tables[name]}\n${close}` : whole));
}

export function tablesOf(core) {
  return { hooks: ruleTable(core.HOOK_RULES), uniqueness: ruleTable(core.UNIQUENESS_RULES) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const core = await import(pathToFileURL(path.join(root, 'dist/plugin/core/index.js')).href);
  const file = path.join(root, 'docs/checks.md');
  fs.writeFileSync(file, withRuleTables(fs.readFileSync(file, 'utf8'), tablesOf(core)));
}
