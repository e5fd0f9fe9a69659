// A minified esbuild bundle read alone (plugin/core/bundle/minified-wrappers.ts): the scan finds
// the same wrapped modules and top-level functions Babel's parse does, on real esbuild output of
// real libraries; what is blanked cannot change the hook rules' findings (the same codes as the
// same bundle unminified, read alone); and most of a library-heavy bundle is blanked.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from '@babel/parser';
import type * as t from '@babel/types';
import { describe, expect, it } from 'vitest';
import { checkBundle } from '../../plugin/core/bundle/check-bundle.js';
import { registerNamesIn } from '../../plugin/core/bundle/esbuild-output.js';
import { blankUnreachingUnits, scanUnits, wrapperHelpers } from '../../plugin/core/bundle/minified-wrappers.js';
import { buildDeployed, extraCodes } from '../helpers/deployed-bundle.js';
import { repoRoot, tempDir } from '../helpers/run-cli.js';

function project(files: Record<string, string>): string {
  const dir = tempDir('sr-minified-');
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

// Code a tokenizer can misread: regular expressions after `)` and keywords, divisions, braces
// in strings, templates and regular expressions, nested templates, comments.
const TRICKY = `
const table = { '}': 1, '{': 2 };
function split(text, n) {
  if (text.length > n) /[}{]/.test(text) && (text = text.slice(0, n / 2));
  const parts = text.split(/\\/+|[{}\`'"]/g).map((p) => \`\${p}\${\`{\${n / 2}}\`}\`);
  return typeof text === 'string' ? parts.join('}') + table['}'] / 2 + /* } */ n : void /x/.source;
}
module.exports = { split, ratio: (a, b) => a / b / 2 };
`;

const FILES: Record<string, string> = {
  // The handler is a function declaration: blankable, kept because it calls setup().
  'src/handler.ts': `
import { registerBeforeSnapshot } from 'snapshot-restore';
import { snapStart } from 'snapshot-restore/lambda';
import { SQSClient } from '@aws-sdk/client-sqs';
import legacy from './legacy.cjs';
import tricky from './tricky.cjs';
import { setup } from './chain.js';
import { hookFor } from './dynamic.js';
hookFor('registerAfterRestore');
const sqs = new SQSClient({});
registerBeforeSnapshot(() => sqs.destroy());
export async function handler(event: { text: string }) {
  setup();
  return [legacy.ping(), tricky.split(event.text, 4)];
}
await snapStart();
`,
  // The runtime's namespace object, indexed: a registration the analysis cannot resolve.
  'src/dynamic.ts': `import * as sr from 'snapshot-restore';\nexport function hookFor(name: 'registerAfterRestore') {\n  sr[name](() => console.log('dynamic-hook'));\n}\n`,
  'src/chain.ts': `import { inner } from './inner.js';\nexport function setup() {\n  return inner();\n}\n`,
  'src/inner.ts': `import { registerAfterRestore } from 'snapshot-restore';\nexport function inner() {\n  registerAfterRestore(() => console.log('inner-refreshed'));\n}\n`,
  // CommonJS reaching the runtime through require(): the runtime is wrapped too.
  'src/legacy.cjs': `const { registerAfterRestore } = require('snapshot-restore');\nregisterAfterRestore(() => console.log('legacy-reconnected'));\nexports.ping = () => 'pong';\n`,
  'src/tricky.cjs': TRICKY,
};

async function build(dir: string, minify: boolean, external: string[] = []) {
  const built = await buildDeployed(dir, 'src/handler.ts', {
    minify,
    // Kept external, the runtime is an import (no alias to this checkout's copy).
    ...(external.length > 0 ? { external, alias: {} } : {}),
    sourcemap: false,
    nodePaths: [path.join(repoRoot, 'node_modules')],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  return built!;
}

/** What the scan must find, from Babel's parse: top-level function declarations' bodies, and the block bodies of the helpers' top-level calls. */
function unitsByBabel(source: string, helpers: Set<string>): Array<[number, number]> {
  const ast = parse(source, { sourceType: 'module' });
  const found: Array<[number, number]> = [];
  for (const statement of ast.program.body) {
    if (statement.type === 'FunctionDeclaration') found.push([statement.body.start!, statement.body.end! - 1]);
    if (statement.type !== 'VariableDeclaration') continue;
    for (const d of statement.declarations) {
      const init = d.init as t.Node | null | undefined;
      if (init?.type !== 'CallExpression' || init.callee.type !== 'Identifier' || !helpers.has(init.callee.name)) continue;
      const fn = init.arguments[0];
      if ((fn?.type === 'ArrowFunctionExpression' || fn?.type === 'FunctionExpression') && fn.body.type === 'BlockStatement') found.push([fn.body.start!, fn.body.end! - 1]);
    }
  }
  return found.sort((a, b) => a[0] - b[0]);
}

describe('minified bundle read alone', () => {
  it("finds the wrapped modules and top-level functions Babel's parse finds, on real libraries", async () => {
    const dir = project(FILES);
    const { bundle } = await build(dir, true);
    const source = fs.readFileSync(bundle, 'utf8');
    const helpers = wrapperHelpers(source);
    expect(helpers.size).toBe(2); // __commonJS and __esm
    const scanned = scanUnits(source, helpers);
    expect(scanned).toBeDefined();
    const units = scanned!.units.map((u) => [u.open, u.close] as [number, number]).sort((a, b) => a[0] - b[0]);
    expect(units.length).toBeGreaterThan(100);
    expect(units).toEqual(unitsByBabel(source, helpers));
  });

  it.each([
    ['inlined', []],
    ['external', ['snapshot-restore', 'snapshot-restore/lambda']],
  ])('blanks most of the bundle (the runtime %s), and the blanked bundle still parses, lines and columns in place', async (_, external) => {
    const dir = project(FILES);
    const { bundle } = await build(dir, true, external);
    const source = fs.readFileSync(bundle, 'utf8');
    const blanked = blankUnreachingUnits(source, registerNamesIn(source));
    expect(blanked.source.length).toBe(source.length);
    expect(blanked.source.split('\n').map((line) => line.length)).toEqual(source.split('\n').map((line) => line.length));
    expect(blanked.bytes / source.length).toBeGreaterThan(0.8);
    expect(() => parse(blanked.source, { sourceType: 'module' })).not.toThrow();
    // What reaches the runtime is kept: the chain to the registration, the CommonJS module that registers.
    for (const kept of ['inner-refreshed', 'legacy-reconnected', 'pong']) expect(blanked.source.includes(kept), kept).toBe(true);
  });

  it('reports the codes the same bundle unminified reports read alone', async () => {
    const dir = project(FILES);
    const codes = async (minify: boolean) => {
      const { bundle } = await build(dir, minify);
      const away = path.join(tempDir('sr-minified-away-'), path.basename(bundle));
      fs.copyFileSync(bundle, away);
      const result = checkBundle({ bundle: away, workingDir: path.dirname(away), format: 'esm' });
      expect(result.via).toBe('bundle');
      return result.findings.map((f) => f.code).sort();
    };
    const unminified = await codes(false);
    expect(unminified).toEqual(['SR002', 'SR005']); // the registration the handler reaches, the indexed runtime object
    const minified = await codes(true);
    // Nothing is lost. One more SR005, a known limit older than the skipping: minified, the
    // CommonJS module's `(init(), __toCommonJS(ns))` reads as the runtime object passed on whole.
    const coded = (list: string[]) => list.map((code) => ({ code }));
    expect(extraCodes(coded(unminified), coded(minified))).toEqual([]);
    expect(extraCodes(coded(minified), coded(unminified))).toEqual(['SR005']);
  });
});
