// The decorator mode comes from the tsconfig the build uses, `extends` followed: through the
// project's own files and a package base (fixtures/plugin/tsconfig-extends: tsconfig.json ->
// tsconfig.base.json -> @tsconfig/fixture-legacy-decorators, shaped like @tsconfig/node20).
// Every case is also built with the real esbuild: the mode must be the one esbuild applied.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { decoratorModeFromTsconfig, type DecoratorMode } from '../../plugin/core/index.js';
import { repoRoot, tempDir } from '../helpers/bundle.js';

const project = path.join(repoRoot, 'fixtures/plugin/tsconfig-extends');

// esbuild follows `extends` in tsconfigRaw (these cases check it) although its type leaves it out.
type TsconfigRaw = esbuild.TsconfigRaw & { extends?: string | string[] };

interface Case {
  workingDir?: string;
  tsconfig?: string;
  tsconfigRaw?: string | TsconfigRaw;
}

/** The decorator lowering esbuild really applied: its helper for legacy or for TC39 decorators. */
async function esbuildMode({ workingDir = project, tsconfig, tsconfigRaw }: Case): Promise<DecoratorMode> {
  const result = await esbuild.build({
    absWorkingDir: workingDir,
    entryPoints: [path.join(project, 'src/handler.ts')],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['snapshot-restore', 'snapshot-restore/*'],
    logLevel: 'silent',
    ...(tsconfig ? { tsconfig } : {}),
    ...(tsconfigRaw !== undefined ? { tsconfigRaw: tsconfigRaw as esbuild.TsconfigRaw } : {}),
  });
  const code = result.outputFiles[0]!.text;
  if (code.includes('__decorateClass(')) return 'legacy';
  if (code.includes('__decorateElement(')) return 'tc39';
  throw new Error('esbuild lowered no decorators');
}

const cases: Array<[string, Case, DecoratorMode]> = [
  ['the nearest tsconfig.json, its setting two bases down (a package)', {}, 'legacy'],
  ['the nearest tsconfig.json above the working directory', { workingDir: path.join(project, 'src') }, 'legacy'],
  ['an explicit tsconfig that extends the chain', { tsconfig: 'tsconfig.base.json' }, 'legacy'],
  ['an explicit tsconfig that overrides the package base', { tsconfig: 'tsconfig.tc39.json' }, 'tc39'],
  ['tsconfigRaw extending the package by name', { tsconfigRaw: { extends: '@tsconfig/fixture-legacy-decorators' } }, 'legacy'],
  ['tsconfigRaw extending the package file', { tsconfigRaw: { extends: '@tsconfig/fixture-legacy-decorators/tsconfig.json' } }, 'legacy'],
  ['tsconfigRaw as text with comments, extends as a list', { tsconfigRaw: '{ // base\n "extends": ["./tsconfig.base.json"], }' }, 'legacy'],
  ['tsconfigRaw overriding what it extends', { tsconfigRaw: { extends: './tsconfig.json', compilerOptions: { experimentalDecorators: false } } }, 'tc39'],
  ['tsconfigRaw replaces the tsconfig files', { tsconfigRaw: {} }, 'tc39'],
];

describe('decoratorModeFromTsconfig', () => {
  it.each(cases)('%s', async (_name, options, expected) => {
    const mode = decoratorModeFromTsconfig(options.workingDir ?? project, options.tsconfig, options.tsconfigRaw);
    expect(mode).toBe(expected);
    expect(await esbuildMode(options)).toBe(expected);
  });

  it("no tsconfig, or a base that is not installed: TC39 (esbuild's default), no exception", () => {
    const dir = tempDir();
    expect(decoratorModeFromTsconfig(dir, path.join(dir, 'missing.json'))).toBe('tc39');
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), '{ "extends": "@tsconfig/not-installed" }');
    expect(decoratorModeFromTsconfig(dir)).toBe('tc39');
    expect(decoratorModeFromTsconfig(dir, undefined, { extends: '@tsconfig/not-installed' })).toBe('tc39');
  });
});
