// The package as a consumer gets it: `npm pack` of the built repository, installed with npm into
// a scratch folder (its dependencies from the npm cache when they are there), never linked.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, tempDir, type RunResult } from './bundle.js';
import { runProcess } from './hang.js';

export interface Tarballs {
  /** `snapshot-restore`, the runtime (runtime/). */
  runtime: string;
  /** `snapshot-restore-tools`, the build tools, CLI and emulator (the repository root). */
  tools: string;
}

let packed: Promise<Tarballs> | undefined;

/** Packs both packages once per test process and resolves with the tarballs' paths. */
export function packTarball(): Promise<Tarballs> {
  packed ??= (async () => {
    const dir = tempDir('sr-pack-');
    const pack = async (folder: string) => {
      const result = await run('npm', ['pack', '--pack-destination', dir, '--json', '--silent', '--ignore-scripts'], folder);
      if (result.code !== 0) throw new Error(`npm pack in ${folder} failed\n${result.stderr}`);
      const [info] = JSON.parse(result.stdout) as Array<{ filename: string }>;
      return join(dir, info.filename);
    };
    return { runtime: await pack(join(repoRoot, 'runtime')), tools: await pack(repoRoot) };
  })();
  return packed;
}

/** The version of a package installed at the repository root: scratch projects use the same ones. */
export function rootVersion(name: string): string {
  return (JSON.parse(readFileSync(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * Writes `dir/package.json` with both tarballs and `dependencies` (exact versions) and runs
 * `npm install` there (the tools' dependency on the runtime is met by the runtime's tarball).
 * Throws with npm's output when it fails.
 */
export async function installTarball(dir: string, tarballs: Tarballs, dependencies: Record<string, string> = {}, fields: Record<string, unknown> = {}): Promise<void> {
  const own = { 'snapshot-restore': `file:${tarballs.runtime}`, 'snapshot-restore-tools': `file:${tarballs.tools}` };
  const pkg = { name: 'scratch-consumer', private: true, ...fields, dependencies: { ...dependencies, ...own } };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  const result = await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], dir);
  if (result.code !== 0) throw new Error(`npm install in ${dir} failed (${result.code})\n${result.stdout}\n${result.stderr}`);
}

/** Runs a command (no shell) and collects its output; never rejects on a non-zero exit (a hang: test/helpers/hang.ts). */
export async function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  const { code, stdout, stderr } = await runProcess(command, args, { cwd, env: { ...process.env, ...env } });
  return { code: code ?? 1, stdout, stderr };
}

/** Like `run`, but throws with the output when the command fails. */
export async function runOk(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  const result = await run(command, args, cwd, env);
  if (result.code !== 0) throw new Error(`\`${command} ${args.join(' ')}\` in ${cwd} exited with ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  return result;
}
