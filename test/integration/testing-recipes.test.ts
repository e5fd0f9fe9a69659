// The recipes for testing hooks (docs/testing.md), run as a user runs them: examples/testing-vitest with
// vitest 4 / vite 8 (standard decorators need its config; legacy ones its tsconfig), and
// examples/testing-jest with Jest 30 and ts-jest (standard and legacy decorators, with and
// without ts-jest's advice "isolatedModules"), with the pinned versions this repository installs.
// Both reset the registry and the module cache before each test, and a test proves why.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../helpers/bundle.js';
import { copyExample, repoRoot } from '../helpers/examples.js';
import { requireBuild } from '../helpers/lifecycle.js';
import { runProcess } from '../helpers/hang.js';

/** Runs a test runner in `cwd` with none of this vitest's own variables. */
async function runner(args: string[], cwd: string): Promise<RunResult> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_ENV' && key !== 'TEST'));
  const { code, stdout, stderr } = await runProcess(process.execPath, args, { cwd, env: { ...env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  return { code: code ?? 1, stdout, stderr };
}

const withoutResetModules = (file: string, line: RegExp) => writeFileSync(file, readFileSync(file, 'utf8').replace(line, ''));

describe('docs/testing.md', () => {
  it('shows the recipes as the examples have them', () => {
    const section = readFileSync(join(repoRoot, 'docs/testing.md'), 'utf8');
    expect(section).toContain(readFileSync(join(repoRoot, 'examples/testing-vitest/vitest.config.ts'), 'utf8').trimEnd());
    expect(section).toContain(readFileSync(join(repoRoot, 'examples/testing-jest/jest.config.js'), 'utf8').trimEnd());
    // Each tool's current API: Vite's transformWithEsbuild is deprecated in Vite 8.
    expect(section).not.toContain('transformWithEsbuild');
    expect(section).toContain('vi.resetModules();');
    expect(section).toContain('jest.resetModules()');
    expect(readFileSync(join(repoRoot, 'examples/testing-vitest/test/db.test.ts'), 'utf8')).toContain('vi.resetModules();');
    expect(readFileSync(join(repoRoot, 'examples/testing-jest/test/db.test.ts'), 'utf8')).toContain('jest.resetModules();');
  });
});

describe('examples/testing-vitest', () => {
  const vitest = (dir: string, ...args: string[]) => runner([join(dir, 'node_modules/vitest/vitest.mjs'), 'run', ...args], dir);
  beforeAll(() => requireBuild());

  it('runs with the documented config: a decorated hook module, a fresh registry and module in each test', async () => {
    const dir = copyExample('testing-vitest');
    const run = await vitest(dir);
    expect(run.stdout + run.stderr).toMatch(/Tests\s+2 passed/);
    expect(run.code).toBe(0);
  });

  it('without the decorator plugin, vite 8 leaves the decorator in place and the module does not parse', async () => {
    const dir = copyExample('testing-vitest');
    writeFileSync(join(dir, 'vitest.config.ts'), 'export default {};\n');
    const run = await vitest(dir);
    expect(run.code).not.toBe(0);
    expect(run.stdout + run.stderr).toMatch(/SyntaxError: Invalid or unexpected token/);
  });

  it('legacy decorators need no plugin: "experimentalDecorators": true in tsconfig.json', async () => {
    const dir = copyExample('testing-vitest');
    writeFileSync(join(dir, 'vitest.config.ts'), 'export default {};\n');
    const tsconfig = JSON.parse(readFileSync(join(dir, 'tsconfig.json'), 'utf8'));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ ...tsconfig, compilerOptions: { ...tsconfig.compilerOptions, experimentalDecorators: true } }));
    const run = await vitest(dir);
    expect(run.stdout + run.stderr).toMatch(/Tests\s+2 passed/);
    expect(run.code).toBe(0);
  });

  it('without vi.resetModules(), the second import() does not run the module: no hooks', async () => {
    const dir = copyExample('testing-vitest');
    withoutResetModules(join(dir, 'test/db.test.ts'), /^\s*vi\.resetModules\(\);.*$/m);
    const run = await vitest(dir);
    expect(run.code).not.toBe(0);
    expect(run.stdout + run.stderr).toMatch(/expected \[\] to deeply equal \[ 'Db\.reconnect', '<anonymous>' \]/);
  });
});

describe('examples/testing-jest', () => {
  const jest = (dir: string) => runner([join(dir, 'node_modules/jest/bin/jest.js'), '--ci'], dir);
  const setCompilerOptions = (dir: string, options: Record<string, unknown>) => {
    const file = join(dir, 'tsconfig.json');
    const tsconfig = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...tsconfig, compilerOptions: { ...tsconfig.compilerOptions, ...options } }));
  };
  beforeAll(() => requireBuild());

  it('runs with ts-jest as its advice has it ("isolatedModules": true): a decorated hook module, a fresh registry and module in each test', async () => {
    const dir = copyExample('testing-jest');
    const run = await jest(dir);
    expect(run.stderr).toMatch(/Tests:\s+2 passed, 2 total/);
    // ts-jest's advice followed: it gives none (151002 is its hint to use isolatedModules with Node16).
    expect(run.stderr).not.toContain('151002');
    expect(run.code).toBe(0);
  });

  it('runs with ts-jest type-checking each file ("isolatedModules": false) too', async () => {
    const dir = copyExample('testing-jest');
    setCompilerOptions(dir, { isolatedModules: false });
    const run = await jest(dir);
    expect(run.stderr).toMatch(/Tests:\s+2 passed, 2 total/);
    expect(run.code).toBe(0);
  });

  it('legacy decorators ("experimentalDecorators": true) register the same hooks', async () => {
    const dir = copyExample('testing-jest');
    setCompilerOptions(dir, { experimentalDecorators: true });
    const run = await jest(dir);
    expect(run.stderr).toMatch(/Tests:\s+2 passed, 2 total/);
    expect(run.code).toBe(0);
  });

  it('without jest.resetModules(), the second require() does not run the module: no hooks', async () => {
    const dir = copyExample('testing-jest');
    withoutResetModules(join(dir, 'test/db.test.ts'), /^\s*jest\.resetModules\(\);.*$/m);
    const run = await jest(dir);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/Tests:\s+1 failed, 1 passed, 2 total/);
  });
});
