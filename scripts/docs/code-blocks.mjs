// The fenced code blocks of a Markdown page, for the tests that treat docs as code
// (test/integration/docs-code.test.ts). A fence's info string is the language, then words and
// `key=value` attributes:
//
//   ```ts title=src/handler.ts check
//
// - `title=<path>`: the block is that file. Under examples/ it must be that file, byte for byte.
// - `check`: the block's folder builds with the esbuild plugin without a finding.
// The language says what the test does with it (see docs/contributing-internals.md).

/**
 * @typedef {{ page: string, line: number, lang: string, attrs: Record<string, string | true>, body: string, section: string }} CodeBlock
 * `line`: the 1-based line of the block's first line of code in the page.
 * `section`: the text of the nearest heading above it.
 */

/** @returns {CodeBlock[]} */
export function codeBlocks(page, markdown) {
  const blocks = [];
  const lines = markdown.split('\n');
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    const heading = /^#{1,6} +(.+)$/.exec(lines[i]);
    if (heading) section = heading[1];
    const open = /^( *)(```+|~~~+)(.*)$/.exec(lines[i]);
    if (!open) continue;
    // A block in a list item is indented: its lines lose that indentation.
    const [, indent, fence, info] = open;
    const words = info.trim().split(/\s+/).filter(Boolean);
    const lang = words.shift() ?? '';
    const attrs = Object.fromEntries(words.map((word) => (word.includes('=') ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)] : [word, true])));
    const start = i + 1;
    let end = start;
    while (end < lines.length && !lines[end].startsWith(indent + fence)) end++;
    if (end === lines.length) throw new Error(`${page}:${i + 1}: a code block that is never closed`);
    const body = lines.slice(start, end).map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line));
    blocks.push({ page, line: start + 1, lang, attrs, body: `${body.join('\n')}\n`, section });
    i = end;
  }
  return blocks;
}
