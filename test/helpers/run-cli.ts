// Test helpers for the CLI: run a command in-process (cli/run.ts with captured streams: what the
// unit tests use), run the real binary (dist/cli/main.js, built by `npm test`) in a child process,
// and build a bundle the way CDK does (runtime inlined, metafile and source map beside it), for
// `check --bundle`.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { run } from '../../cli/run.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const cliFixtures = path.join(repoRoot, 'fixtures/cli');
export const binary = path.join(repoRoot, 'dist/cli/main.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cliEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  return env;
}

function cliDir(cwd: string): string {
  return path.isAbsolute(cwd) ? cwd : path.join(cliFixtures, cwd);
}

/** Runs `snapshot-restore <args>` in this process, in `cwd` (a fixture name or a path), without colours. */
export async function runCommand(args: string[], cwd: string = repoRoot): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd: cliDir(cwd),
    env: cliEnv(),
  });
  return { code, stdout, stderr };
}

/** Runs the real binary `snapshot-restore <args>` in `cwd` (a fixture name or a path), without colours. */
export function runCli(args: string[], cwd: string = repoRoot): CliRun {
  const result = spawnSync(process.execPath, [binary, ...args], { cwd: cliDir(cwd), env: cliEnv(), encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function tempDir(prefix = 'sr-cli-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface BuiltBundle {
  bundle: string;
  metafile: string;
  /** The directory the build ran in: metafile paths are relative to it. */
  workingDir: string;
}

/**
 * Bundles a fixture's entry like CDK's NodejsFunction with `bundling.metafile: true`: the
 * runtime inlined from this checkout's dist (what node_modules/snapshot-restore holds), the
 * metafile written as index.meta.json and, unless turned off, a source map.
 */
export async function buildLikeCdk(fixture: string, options: { entry?: string; format?: 'esm' | 'cjs'; sourcemap?: boolean; minify?: boolean } = {}): Promise<BuiltBundle> {
  const workingDir = path.join(cliFixtures, fixture);
  const format = options.format ?? 'esm';
  const outDir = path.join(tempDir(), 'asset.0123456789');
  const bundle = path.join(outDir, format === 'esm' ? 'index.mjs' : 'index.js');
  const result = await esbuild.build({
    absWorkingDir: workingDir,
    entryPoints: [options.entry ?? 'src/handler.ts'],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format,
    minify: options.minify ?? false,
    sourcemap: options.sourcemap ?? true,
    metafile: true,
    logLevel: 'silent',
    alias: {
      'snapshot-restore': path.join(repoRoot, 'runtime/dist/esm/index.js'),
      'snapshot-restore/lambda': path.join(repoRoot, 'runtime/dist/esm/lambda.js'),
    },
  });
  const metafile = path.join(outDir, 'index.meta.json');
  fs.writeFileSync(metafile, JSON.stringify(result.metafile));
  return { bundle, metafile, workingDir };
}
