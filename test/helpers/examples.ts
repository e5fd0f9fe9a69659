// Runs the recipes in examples/ the way a user would after `npm install`: each test copies an
// example into a temp folder whose node_modules links to this repository's (with
// the runtime package `snapshot-restore` (runtime/, a workspace) and the tools package
// `snapshot-restore-tools` (the repository root) linked as installed packages), then runs the
// example's own build script or the exact command the recipe gives its tool.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { RuntimeApiEmulator, startRuntimeProcess } from '../../emulator/index.js';
import { repoRoot, tempDir, type RunResult } from './bundle.js';
import { HANG_MS, runProcess } from './hang.js';
import type { Running } from './lifecycle.js';

export { repoRoot };

/** Copies examples/<name> to a fresh temp folder with an installed-looking node_modules. */
export function copyExample(name: string): string {
  const source = join(repoRoot, 'examples', name);
  if (!existsSync(source)) throw new Error(`no example ${name}`);
  const dir = join(tempDir(`sr-example-${name}-`), name);
  cpSync(source, dir, { recursive: true, filter: (path) => !/[\\/](node_modules|dist|\.esbuild|\.aws-sam|cdk\.out)$/.test(path) });
  linkNodeModules(dir);
  return dir;
}

/** node_modules with every package of the repository, both of its own packages and the CLI binary. */
function linkNodeModules(dir: string): void {
  const modules = join(dir, 'node_modules');
  const bin = join(modules, '.bin');
  mkdirSync(bin, { recursive: true });
  const repoModules = join(repoRoot, 'node_modules');
  for (const entry of readdirSync(repoModules)) {
    if (entry === '.bin' || entry.startsWith('.')) continue;
    symlinkSync(join(repoModules, entry), join(modules, entry));
  }
  for (const entry of readdirSync(join(repoModules, '.bin'))) {
    symlinkSync(join(repoModules, '.bin', entry), join(bin, entry));
  }
  // The root's node_modules already links `snapshot-restore` (the runtime workspace).
  symlinkSync(repoRoot, join(modules, 'snapshot-restore-tools'));
  symlinkSync(join(repoRoot, 'dist/cli/main.js'), join(bin, 'snapshot-restore'));
}

/** Runs a shell command (as a makefile or a deploy tool would) and collects its output. */
export async function sh(command: string, cwd: string, env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  const path = `${join(cwd, 'node_modules/.bin')}:${process.env.PATH}`;
  const { code, stdout, stderr } = await runProcess(command, [], { cwd, env: { ...process.env, PATH: path, ...env }, shell: true });
  return { code: code ?? 1, stdout, stderr };
}

/** Like `sh`, but throws with the output when the command fails. */
export async function shOk(command: string, cwd: string, env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  const result = await sh(command, cwd, env);
  if (result.code !== 0) throw new Error(`\`${command}\` exited with ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  return result;
}

export function readJson<T = any>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** The diagnostic codes in a manifest, for "no false alarms" checks. */
export function manifestCodes(manifest: { diagnostics?: Array<{ code: string }> }): string[] {
  return (manifest.diagnostics ?? []).map((d) => d.code);
}

export interface DynamoRequest {
  target: string;
  headers: IncomingHttpHeaders;
  body: any;
}

/**
 * A stand-in DynamoDB endpoint (`AWS_ENDPOINT_URL_DYNAMODB`): records each request and answers
 * with an empty item response, so a handler's real SDK calls can be checked end to end.
 */
export async function startFakeDynamoDb(): Promise<{ url: string; requests: DynamoRequest[]; close(): Promise<void> }> {
  const requests: DynamoRequest[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => {
      requests.push({ target: String(req.headers['x-amz-target'] ?? ''), headers: req.headers, body: text ? JSON.parse(text) : undefined });
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end('{}');
    });
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((closed) => {
        server.closeAllConnections();
        server.close(() => closed());
      }),
  };
}

/** The lines of a process's stdout that contain `text`. */
export function linesWith(output: string, text: string): string[] {
  return output.split('\n').filter((line) => line.includes(text));
}

/** Runs any executable (a runtime's `bootstrap` file) against a fresh emulator in SnapStart mode. */
export async function runExecutable(command: string, env: Record<string, string>): Promise<Running> {
  const emulator = await RuntimeApiEmulator.start({ snapStart: true, waitTimeoutMs: HANG_MS });
  const runtime = startRuntimeProcess({ emulator, command, env });
  return {
    emulator,
    runtime,
    hooks: () => [],
    async stop() {
      await runtime.stop();
      await emulator.close();
    },
  };
}
