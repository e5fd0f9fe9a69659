// The `include` option's globs (picomatch) over a walk of the working directory that skips
// node_modules, dot-directories and dot-files below a glob's fixed leading directories.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expandGlobs } from '../../plugin/core/build/glob.js';
import { tempDir } from '../helpers/bundle.js';

const files = [
  'handler.ts',
  'src/a.ts',
  'src/b.mts',
  'src/c.js',
  'src/deep/er/d.ts',
  'src/skip/e.ts',
  'src/.hidden.ts',
  'src/.cache/f.ts',
  'src/node_modules/pkg/g.ts',
  'lib/h.ts',
];

let root: string;
beforeAll(() => {
  root = tempDir('sr-glob-');
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), '');
  }
});

const expand = (...globs: string[]) => expandGlobs(globs, root).map((file) => path.relative(root, file).split(path.sep).join('/'));

describe('expandGlobs', () => {
  it('`*` stays in one directory, `**/` spans zero or more, `?`, `{a,b}` and `[...]`', () => {
    expect(expand('src/*.ts')).toEqual(['src/a.ts']);
    expect(expand('src/**/*.ts')).toEqual(['src/a.ts', 'src/deep/er/d.ts', 'src/skip/e.ts']);
    expect(expand('**/*.ts')).toEqual(['handler.ts', 'lib/h.ts', 'src/a.ts', 'src/deep/er/d.ts', 'src/skip/e.ts']);
    expect(expand('src/?.ts')).toEqual(['src/a.ts']);
    expect(expand('src/*.{ts,mts}')).toEqual(['src/a.ts', 'src/b.mts']);
    expect(expand('src/[ab].*')).toEqual(['src/a.ts', 'src/b.mts']);
  });

  it('a leading ./ is the working directory; several globs are one sorted set', () => {
    expect(expand('./src/*.ts', 'src/**/d.ts', 'src/a.ts')).toEqual(['src/a.ts', 'src/deep/er/d.ts']);
  });

  it('a leading ! excludes', () => {
    expect(expand('src/**/*.ts', '!src/skip/**')).toEqual(['src/a.ts', 'src/deep/er/d.ts']);
    expect(expand('!src/a.ts')).toEqual([]);
  });

  it('wildcards never reach into node_modules, dot-directories or dot-files; a glob that spells one out does', () => {
    expect(expand('src/**')).toEqual(['src/a.ts', 'src/b.mts', 'src/c.js', 'src/deep/er/d.ts', 'src/skip/e.ts']);
    expect(expand('src/*/*.ts', 'src/*/*/*.ts')).toEqual(['src/deep/er/d.ts', 'src/skip/e.ts']);
    expect(expand('src/.hidden.ts')).toEqual([]);
    expect(expand('src/node_modules/**/*.ts', 'src/.cache/*.ts')).toEqual(['src/.cache/f.ts', 'src/node_modules/pkg/g.ts']);
  });

  it('a base directory that does not exist matches nothing', () => {
    expect(expand('nope/**/*.ts')).toEqual([]);
  });

  it('absolute paths', () => {
    expect(expandGlobs(['src/*.ts'], root)).toEqual([path.join(root, 'src/a.ts')]);
  });
});
