// Every entry point of both packed packages type-checks for TypeScript consumers with
// `skipLibCheck: false` (the packages' own declarations are checked too), generated as a matrix:
// entry (every `exports` subpath of the tarballs' package.json) × ESM and CommonJS consumer ×
// resolution (nodenext, node16, bundler, node10: `module: commonjs`, still common in Lambda
// repositories, which reads no `exports` and needs `typesVersions`). Each bundler adapter's
// plugin is also assigned to its bundler's own config type, with the bundler's types installed.
// One tsc run per resolution mode, over all entries.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/bundle.js';
import { installTarball, packTarball, rootVersion, run } from '../helpers/package-tarball.js';

const PACKAGES = ['snapshot-restore', 'snapshot-restore-tools'];
// The bundlers (their adapters' types are checked against theirs), TypeScript and Node's types.
const INSTALLED = ['typescript', '@types/node', 'esbuild', 'webpack', '@rspack/core', 'rollup', 'vite', 'eslint'];

interface Mode {
  module: string;
  moduleResolution: string;
  /** The consumer files: an ESM one and a CommonJS one per entry. */
  esm: (specifier: string, index: number) => [file: string, text: string];
  cjs: (specifier: string, index: number) => [file: string, text: string];
}

const esmImport = (specifier: string, index: number) => `import * as entry from '${specifier}';\nexport const value${index} = entry;\n`;
const cjsRequire = (specifier: string, index: number) => `import entry = require('${specifier}');\nexport const value${index} = entry;\n`;

const MODES: Mode[] = [
  { module: 'nodenext', moduleResolution: 'nodenext', esm: (s, i) => [`esm${i}.mts`, esmImport(s, i)], cjs: (s, i) => [`cjs${i}.cts`, cjsRequire(s, i)] },
  { module: 'node16', moduleResolution: 'node16', esm: (s, i) => [`esm${i}.mts`, esmImport(s, i)], cjs: (s, i) => [`cjs${i}.cts`, cjsRequire(s, i)] },
  // Bundler resolution: `import` takes the import condition, `import = require()` the require one.
  { module: 'preserve', moduleResolution: 'bundler', esm: (s, i) => [`esm${i}.ts`, esmImport(s, i)], cjs: (s, i) => [`cjs${i}.cts`, cjsRequire(s, i)] },
  { module: 'commonjs', moduleResolution: 'node10', esm: (s, i) => [`esm${i}.ts`, esmImport(s, i)], cjs: (s, i) => [`cjs${i}.ts`, cjsRequire(s, i)] },
];

// Each adapter's plugin where its bundler's config takes it (ES module consumers: vite's types are ESM only).
const ADAPTERS_IN_CONFIGS = `import type { Configuration } from 'webpack';
import type { RspackOptions } from '@rspack/core';
import type { RollupOptions } from 'rollup';
import type { UserConfig } from 'vite';
import type { BuildOptions } from 'esbuild';
import webpackPlugin from 'snapshot-restore-tools/webpack';
import rspackPlugin from 'snapshot-restore-tools/rspack';
import rollupPlugin from 'snapshot-restore-tools/rollup';
import vitePlugin from 'snapshot-restore-tools/vite';
import { snapshotRestore as esbuildPlugin } from 'snapshot-restore-tools/esbuild';
export const webpackConfig: Configuration = { plugins: [webpackPlugin({ handler: 'handler' })] };
export const rspackConfig: RspackOptions = { plugins: [rspackPlugin()] };
export const rollupConfig: RollupOptions = { plugins: [rollupPlugin()] };
export const viteConfig: UserConfig = { plugins: [vitePlugin()] };
export const esbuildConfig: BuildOptions = { plugins: [esbuildPlugin()] };
`;

let project: string;
let entries: string[];

beforeAll(async () => {
  project = tempDir('sr-types-');
  await installTarball(project, await packTarball(), Object.fromEntries(INSTALLED.map((name) => [name, rootVersion(name)])));
  // The matrix's entries: what the packed packages export, as installed.
  entries = PACKAGES.flatMap((name) => {
    const manifest = JSON.parse(readFileSync(join(project, 'node_modules', name, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
    return Object.keys(manifest.exports)
      .filter((key) => key !== './package.json' && !key.endsWith('.json'))
      .map((key) => (key === '.' ? name : `${name}/${key.slice(2)}`));
  });
});

describe('the packed packages type-check with skipLibCheck: false', () => {
  it('exports the entries the matrix is about', () => {
    expect(entries).toEqual(
      expect.arrayContaining([
        'snapshot-restore',
        'snapshot-restore/lambda',
        'snapshot-restore/bootstrap',
        'snapshot-restore/testing',
        'snapshot-restore-tools/esbuild',
        'snapshot-restore-tools/webpack',
        'snapshot-restore-tools/rspack',
        'snapshot-restore-tools/rollup',
        'snapshot-restore-tools/vite',
        'snapshot-restore-tools/eslint',
        'snapshot-restore-tools/emulator',
      ]),
    );
  });

  for (const mode of MODES) {
    it.concurrent(`every entry, imported (ESM) and required (CommonJS), under ${mode.moduleResolution} resolution (module ${mode.module})`, async () => {
      const dir = join(project, mode.moduleResolution);
      mkdirSync(dir, { recursive: true });
      const files = entries.flatMap((specifier, index) => [mode.esm(specifier, index), mode.cjs(specifier, index)]);
      if (mode.moduleResolution !== 'node10') files.push([mode.moduleResolution === 'bundler' ? 'configs.ts' : 'configs.mts', ADAPTERS_IN_CONFIGS]);
      for (const [file, text] of files) writeFileSync(join(dir, file), text);
      const compilerOptions = {
        module: mode.module,
        moduleResolution: mode.moduleResolution,
        target: 'es2022',
        strict: true,
        skipLibCheck: false,
        esModuleInterop: true,
        noEmit: true,
        types: ['node'],
      };
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: files.map(([file]) => file) }, null, 2));
      const result = await run(process.execPath, [join(project, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], dir);
      // tsc reports every error as `file(line,col): error TSnnnn`: none, in any file.
      expect(result.stdout + result.stderr).toBe('');
      expect(result.code).toBe(0);
    });
  }
});
