// The CLI's --help texts in the docs, generated from the commands themselves (cli/commands/*.ts,
// each exports `help`): run after a build, `node scripts/docs/cli-help.mjs` rewrites each
// `<!-- help:COMMAND -->` ... `<!-- /help:COMMAND -->` block of docs/cli.md and docs/emulate.md;
// test/integration/docs-code.test.ts fails when one is out of date.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const HELP_PAGES = ['docs/cli.md', 'docs/emulate.md'];

/** Markdown with each help block replaced by the command's help, in a text fence. */
export function withHelp(markdown, helps) {
  return markdown.replace(/(<!-- help:(\w+) -->)[\s\S]*?(<!-- \/help:\2 -->)/g, (whole, open, name, close) =>
    name in helps ? `${open}\n\`\`\`text\n$ snapshot-restore ${name} --help\n${helps[name]}\n\`\`\`\n${close}` : whole,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const helps = {};
  for (const name of ['check', 'manifest', 'emulate']) helps[name] = (await import(pathToFileURL(path.join(root, `dist/cli/commands/${name}.js`)).href)).help;
  for (const page of HELP_PAGES) {
    const file = path.join(root, page);
    fs.writeFileSync(file, withHelp(fs.readFileSync(file, 'utf8'), helps));
  }
}
