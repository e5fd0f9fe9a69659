// How check --bundle finds a minified bundle's entry among the sources on disk
// (plugin/core/bundle/identify-entry.ts): real esbuild output, real files in a temp project.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { bundleExports, identifyEntry } from '../../plugin/core/bundle/identify-entry.js';
import { modulePathsFromComments } from '../../plugin/core/bundle/module-comments.js';
import { tempDir } from '../helpers/run-cli.js';

function project(files: Record<string, string>): string {
  const dir = tempDir('sr-identify-');
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function bundle(dir: string, entry: string, format: 'esm' | 'cjs' = 'esm', legalComments: 'eof' | 'none' = 'eof'): string {
  const outfile = path.join(dir, 'dist', format === 'esm' ? 'index.mjs' : 'index.cjs');
  esbuild.buildSync({ absWorkingDir: dir, entryPoints: [entry], outfile, bundle: true, minify: true, platform: 'node', format, legalComments, logLevel: 'silent' });
  return outfile;
}

const read = (file: string) => {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

const ORDERS = `export const handler = async () => ({ table: 'orders-table', region: process.env.AWS_REGION });\n`;
const USERS = `export const handler = async () => ({ table: 'users-table', limit: 'fifty-rows' });\n`;

describe('identifyEntry', () => {
  it("finds the handler whose exports and strings the bundle has, not another function's", () => {
    const dir = project({ 'src/orders.ts': ORDERS, 'src/users.ts': USERS });
    const out = bundle(dir, 'src/users.ts');
    const found = identifyEntry(read(out)!, out, dir, read);
    expect('entry' in found && path.relative(dir, found.entry.file)).toBe(path.join('src', 'users.ts'));
  });

  it('reads export names from ESM (legal comments at the end or not) and from CommonJS', () => {
    const dir = project({ 'src/a.ts': `/*! @license MIT */\nexport const handler = async () => 1;\nexport const pool = { size: 'large' };\n` });
    expect(bundleExports(read(bundle(dir, 'src/a.ts', 'esm', 'eof'))!)).toEqual(['handler', 'pool']);
    expect(bundleExports(read(bundle(dir, 'src/a.ts', 'esm', 'none'))!)).toEqual(['handler', 'pool']);
    expect(bundleExports(read(bundle(dir, 'src/a.ts', 'cjs'))!)).toEqual(['handler', 'pool']);
  });

  it('reads the names a destructuring export binds, in every pattern form', () => {
    // Each form of binding pattern, exported as the entry's only export besides the handler: the
    // bundle exports the bound names, and the source must be read as exporting the same ones.
    const patterns: Array<[string, string[]]> = [
      ['{ alpha, beta }', ['alpha', 'beta']],
      ['{ alpha: renamed }', ['renamed']],
      ['{ alpha = 1 }', ['alpha']],
      ['{ nested: { inner }, ...others }', ['inner', 'others']],
      ['[first, , third = 3, ...tail]', ['first', 'tail', 'third']],
    ];
    for (const [pattern, names] of patterns) {
      const value = pattern.startsWith('[') ? `[1, 2, undefined, 4, 5]` : `{ alpha: 'value-of-alpha', beta: 'value-of-beta', nested: { inner: 'inner-value' }, extra: 1 }`;
      const dir = project({ 'src/entry.ts': `export const ${pattern} = ${value};\nexport const handler = async () => 'destructured-entry';\n` });
      const out = bundle(dir, 'src/entry.ts');
      expect(bundleExports(read(out)!)).toEqual([...names, 'handler'].sort());
      const found = identifyEntry(read(out)!, out, dir, read);
      expect('entry' in found && path.relative(dir, found.entry.file), pattern).toBe(path.join('src', 'entry.ts'));
    }
  });

  it('says why when two files match equally, instead of guessing', () => {
    const dir = project({ 'src/a.ts': ORDERS, 'src/b.ts': ORDERS });
    const out = bundle(dir, 'src/a.ts');
    const found = identifyEntry(read(out)!, out, dir, read);
    expect(found).toEqual({ reason: expect.stringMatching(/^several source files match its exports and strings about as well \(src\/a\.ts, src\/b\.ts\)$/) });
  });

  it('takes the file nothing imports when a hook module shares the strings', () => {
    const dir = project({
      'src/hooks.js': `exports.name = 'shared-hooks-module';\n`,
      'src/handler.js': `const hooks = require('./hooks.js');\nexports.name = 'shared-hooks-module';\nexports.handler = async () => hooks.name;\n`,
    });
    const out = bundle(dir, 'src/handler.js', 'cjs');
    const found = identifyEntry(read(out)!, out, dir, read);
    expect('entry' in found && path.basename(found.entry.file)).toBe('handler.js');
  });

  it('ignores type-only strings, tool output and node_modules', () => {
    const dir = project({
      'src/handler.ts': `type Mode = 'only-a-type-here' | 'another-type';\nexport const handler = async (mode: Mode) => ({ mode, label: 'real-value' });\n`,
      'node_modules/x/index.js': `export const handler = async () => ({ label: 'real-value' });\n`,
      'cdk.out/asset.1/index.mjs': `export const handler = async () => ({ label: 'real-value' });\n`,
    });
    const out = bundle(dir, 'src/handler.ts');
    const found = identifyEntry(read(out)!, out, dir, read);
    // mode, label and 'real-value': the two strings of the type are no tokens (esbuild erases them).
    expect('entry' in found && found.entry).toMatchObject({ file: path.join(dir, 'src/handler.ts'), found: 3, tokens: 3 });
    expect('entry' in found && found.entry.candidates.map((file) => path.relative(dir, file))).toEqual([path.join('src', 'handler.ts')]);
  });

  it('finds nothing when the sources are not there', () => {
    const dir = project({ 'src/orders.ts': ORDERS });
    const out = bundle(dir, 'src/orders.ts');
    const elsewhere = project({ 'src/users.ts': USERS });
    expect(identifyEntry(read(out)!, out, elsewhere, read)).toEqual({ reason: 'no source file under the working directory matches its exports and strings' });
  });
});

describe('modulePathsFromComments', () => {
  it("lists esbuild's module comments, not legal comments or virtual modules", () => {
    const source = [
      '// src/db.ts',
      'var a = 1;',
      '// @license see LICENSE.txt',
      '//! keep.me.js',
      '// <stdin>',
      '// (disabled):fs',
      '// node_modules/pg/lib/index.js',
      'var b = 2;',
    ].join('\n');
    expect(modulePathsFromComments(source)).toEqual(['src/db.ts', 'node_modules/pg/lib/index.js']);
  });
});
