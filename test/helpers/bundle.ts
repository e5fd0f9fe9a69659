// Builds a fixture with the real esbuild (the package's own names resolved to the sources)
// and runs the result in a real child node process.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { runProcess } from './hang.js';

export const repoRoot = resolve(import.meta.dirname, '../..');

/** Resolves `snapshot-restore` and its subpaths to the TypeScript sources. */
export const runtimeAlias: Record<string, string> = {
  'snapshot-restore': join(repoRoot, 'runtime/index.ts'),
  'snapshot-restore/testing': join(repoRoot, 'runtime/testing.ts'),
  'snapshot-restore/lambda': join(repoRoot, 'runtime/lambda.ts'),
  'snapshot-restore/bootstrap': join(repoRoot, 'runtime/bootstrap.ts'),
};

export function tempDir(prefix = 'sr-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Bundles `entry` into a single file in a fresh temp dir and returns its path. */
export async function bundle(entry: string, options: BuildOptions = {}): Promise<string> {
  const format = options.format ?? 'esm';
  const outfile = join(tempDir(), format === 'cjs' ? 'index.cjs' : 'index.mjs');
  await build({ entryPoints: [entry], bundle: true, platform: 'node', target: 'node20', format, outfile, alias: runtimeAlias, logLevel: 'silent', ...options });
  return outfile;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node file` and collects its output; never rejects on a non-zero exit. */
export async function runNode(file: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  const { code, stdout, stderr } = await runProcess(process.execPath, [file, ...args], { env: { ...process.env, ...env } });
  return { code: code ?? 1, stdout, stderr };
}

/** The last line of stdout parsed as JSON: fixtures print their observations that way. */
export function lastJson<T = any>(result: RunResult): T {
  const lines = result.stdout.trim().split('\n');
  try {
    return JSON.parse(lines[lines.length - 1]) as T;
  } catch {
    throw new Error(`no JSON on the last line of stdout.\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  }
}
