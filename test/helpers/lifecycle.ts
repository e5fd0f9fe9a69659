// Builds the lifecycle fixtures with the real esbuild and runs them as real runtime processes
// against the project's Runtime API emulator.
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RuntimeApiEmulator, startRuntimeProcess, type EmulatorOptions, type RuntimeProcess } from '../../emulator/index.js';
import { bundle, repoRoot } from './bundle.js';
import { HANG_MS } from './hang.js';

export const bootstrapScript = join(repoRoot, 'runtime/dist/cjs/bootstrap.cjs');

export function requireBuild(): void {
  if (!existsSync(bootstrapScript)) throw new Error('dist/ is missing: run `npm run build` (npm test does it)');
}

/** The ESM handler (ends with `await snapStart()`) as one `index.mjs`. */
export async function buildEsmHandler(): Promise<string> {
  return bundle(join(repoRoot, 'fixtures/lifecycle/esm-handler.ts'), { format: 'esm', keepNames: true });
}

/** The CommonJS handler as one `index.cjs`. */
export async function buildCjsHandler(): Promise<string> {
  return bundle(join(repoRoot, 'fixtures/lifecycle/cjs-handler.ts'), { format: 'cjs', keepNames: true });
}

export interface Running {
  emulator: RuntimeApiEmulator;
  runtime: RuntimeProcess;
  /** The HOOK lines the fixture printed, in order. */
  hooks(): string[];
  stop(): Promise<void>;
}

/** Starts `node <args>` against a fresh emulator. */
export async function run(args: string[], options: { emulator?: EmulatorOptions; env?: Record<string, string | undefined>; cwd?: string } = {}): Promise<Running> {
  const emulator = await RuntimeApiEmulator.start({ snapStart: true, waitTimeoutMs: HANG_MS, ...options.emulator });
  const runtime = startRuntimeProcess({ emulator, args, env: options.env, cwd: options.cwd });
  return {
    emulator,
    runtime,
    hooks: () =>
      runtime.stdout
        .split('\n')
        .filter((line) => line.startsWith('HOOK '))
        .map((line) => line.slice(5)),
    async stop() {
      await runtime.stop();
      await emulator.close();
    },
  };
}

/** Runs a handler file through the bootstrap runtime (`_HANDLER` relative to its folder). */
export function runBootstrap(handlerFile: string, exportName: string, options: Parameters<typeof run>[1] = {}): Promise<Running> {
  const taskRoot = dirname(handlerFile);
  const module = handlerFile.slice(taskRoot.length + 1).replace(/\.[cm]?js$/, '');
  return run([bootstrapScript], {
    ...options,
    env: { _HANDLER: `${module}.${exportName}`, LAMBDA_TASK_ROOT: taskRoot, ...options.env },
  });
}

export function writeFile(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

export const BEFORE_HOOKS = ['before:closeConnection', 'before:flushMetrics'];
export const AFTER_HOOKS = ['after:reconnect', 'after:countRestore'];
