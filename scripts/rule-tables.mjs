// The rule tables of docs/checks.md and the ESLint line of each docs/rules/ page, generated from the
// rule modules (plugin/core/rules/) and the ESLint plugin: run after a build, `node
// scripts/rule-tables.mjs` rewrites the blocks between the `rules:` markers of docs/checks.md and
// the `rule:eslint` block of each rule page; test/unit/rule-docs.test.ts and
// test/integration/docs-code.test.ts fail when they are out of date.
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

/** The generated line of a rule page (docs/rules/SRnnn.md): its ESLint rule id, or why it has none. */
export function eslintLine(rule, buildTimeRules) {
  const line = buildTimeRules.includes(rule.id)
    ? `ESLint rule: none, it needs the whole build (the bundler plugins and \`snapshot-restore check\` report it).`
    : `ESLint rule: \`snapshot-restore/${rule.name}\`, on in \`configs.recommended\` at the default severity.`;
  return `${line} Incorrect code is under **Fires**, correct code under **Does not fire**.`;
}

/** A rule page with its `<!-- rule:eslint -->` block written after the default-severity line. */
export function withEslintLine(page, line) {
  const block = `<!-- rule:eslint -->\n${line}\n<!-- /rule:eslint -->`;
  if (/<!-- rule:eslint -->[\s\S]*?<!-- \/rule:eslint -->/.test(page)) return page.replace(/<!-- rule:eslint -->[\s\S]*?<!-- \/rule:eslint -->/, block);
  return page.replace(/^(Default severity: .*\n)/m, `$1\n${block}\n`);
}

export function tablesOf(core) {
  return { hooks: ruleTable(core.HOOK_RULES), uniqueness: ruleTable(core.UNIQUENESS_RULES) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const core = await import(pathToFileURL(path.join(root, 'dist/plugin/core/index.js')).href);
  const file = path.join(root, 'docs/checks.md');
  fs.writeFileSync(file, withRuleTables(fs.readFileSync(file, 'utf8'), tablesOf(core)));
  const { BUILD_TIME_RULES } = await import(pathToFileURL(path.join(root, 'dist/plugin/eslint/rules.js')).href);
  for (const rule of core.RULES) {
    const page = path.join(root, 'docs/rules', `${rule.id}.md`);
    fs.writeFileSync(page, withEslintLine(fs.readFileSync(page, 'utf8'), eslintLine(rule, BUILD_TIME_RULES)));
  }
}
