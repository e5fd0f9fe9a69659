// The `npm pack` tarball installed into scratch projects, as consumers get it: an ESM TypeScript
// project, a CommonJS TypeScript project with `skipLibCheck: false` (the declarations themselves
// are type-checked: an ESM .d.ts behind a .d.cts would be TS1479 here), and plain JavaScript.
// Each one is type-checked, built and run; the binary runs from node_modules/.bin.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lastJson, repoRoot, runNode, tempDir } from '../helpers/bundle.js';
import { installTarball, packTarball, rootVersion, run, runOk } from '../helpers/package-tarball.js';

const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
let root: string;

function write(dir: string, files: Record<string, string>): string {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const tsconfig = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      skipLibCheck: false,
      types: ['node'],
      outDir: 'dist',
      rootDir: 'src',
      ...extra,
    },
    include: ['src'],
  });

beforeAll(async () => {
  const tarball = await packTarball();
  // One install shared by the projects below it (Node and TypeScript look up the folders).
  root = tempDir('sr-consumers-');
  await installTarball(root, tarball, { esbuild: rootVersion('esbuild'), rollup: rootVersion('rollup'), '@types/node': rootVersion('@types/node') });
});

describe('the packed tarball, installed', () => {
  it('each tarball has the LICENSE, the declarations and no sources or tests', async () => {
    const { runtime, tools } = await packTarball();
    const runtimeFiles = (await runOk('tar', ['-tzf', runtime], repoRoot)).stdout.split('\n');
    expect(runtimeFiles).toContain('package/LICENSE');
    expect(runtimeFiles).toContain('package/dist/cjs/index.d.cts');
    expect(runtimeFiles).toContain('package/dist/cjs/types/package.json');
    expect(runtimeFiles).toContain('package/dist/types/index.d.ts');
    expect(runtimeFiles.filter((file) => /\.ts$/.test(file) && !file.endsWith('.d.ts'))).toEqual([]);
    const toolsFiles = (await runOk('tar', ['-tzf', tools], repoRoot)).stdout.split('\n');
    expect(toolsFiles).toContain('package/LICENSE');
    expect(toolsFiles).toContain('package/docs/rules/SR001.md');
    expect(toolsFiles).toContain('package/dist/cjs/esbuild.d.cts');
    expect(toolsFiles).toContain('package/dist/cli/main.js');
    expect(toolsFiles.filter((file) => /^package\/(runtime|plugin|cli|emulator|test|fixtures)\//.test(file))).toEqual([]);
  });

  it('the runtime package installs nothing but itself', async () => {
    const dir = tempDir('sr-runtime-only-');
    const { runtime } = await packTarball();
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'scratch-function', private: true, dependencies: { 'snapshot-restore': `file:${runtime}` } }));
    await runOk('npm', ['install', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], dir);
    const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
    expect(Object.keys(lock.packages).filter(Boolean)).toEqual(['node_modules/snapshot-restore']);
  });

  it('ESM TypeScript: type-checks, builds with tsc, runs, and bundles a handler with the plugin', async () => {
    const dir = write(join(root, 'esm-ts'), {
      'package.json': JSON.stringify({ type: 'module' }),
      'tsconfig.json': tsconfig(),
      'src/hooks.ts': `
        import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
        export const ran: string[] = [];
        export class Db {
          @registerBeforeSnapshot
          static close(): void { ran.push('close'); }
          @registerAfterRestore
          static reconnect(): void { ran.push('reconnect'); }
        }
        registerAfterRestore((label: string) => { ran.push(label); }, 'renewed');
      `,
      'src/handler.ts': `
        import { registerAfterRestore } from 'snapshot-restore';
        import { snapStart } from 'snapshot-restore/lambda';
        const state = { restores: 0 };
        registerAfterRestore(function renew() { state.restores++; });
        export const handler = async () => state;
        await snapStart();
      `,
      'src/main.ts': `
        import { readFileSync } from 'node:fs';
        import { build } from 'esbuild';
        import { getAfterRestore, registerAfterRestore } from 'snapshot-restore';
        import { HookError, simulateSnapStart } from 'snapshot-restore/testing';
        import { snapStart, type SnapStartOptions } from 'snapshot-restore/lambda';
        import type { BootstrapOptions } from 'snapshot-restore/bootstrap';
        import { snapshotRestore, type Manifest, type SnapshotRestoreOptions } from 'snapshot-restore-tools/esbuild';
        import { RuntimeApiEmulator } from 'snapshot-restore-tools/emulator';
        import { snapshotRestore as rollupPlugin, type AdapterOptions } from 'snapshot-restore-tools/rollup';
        import { ran } from './hooks.js';

        export function typeErrors(): void {
          // @ts-expect-error a number is not a hook: the types are real, not any
          registerAfterRestore(42);
        }
        const options: SnapshotRestoreOptions = { failOn: 'warning' };
        const lifecycle: SnapStartOptions & BootstrapOptions = { afterRestoreTimeoutMs: 600_000 };
        await simulateSnapStart({ timeoutMs: lifecycle.afterRestoreTimeoutMs });
        await build({ entryPoints: ['src/handler.ts'], bundle: true, platform: 'node', format: 'esm', outfile: 'out/index.mjs', logLevel: 'silent', plugins: [snapshotRestore(options)] });
        const manifest = JSON.parse(readFileSync('out/snapshot-restore.manifest.json', 'utf8')) as Manifest;
        const adapterOptions: AdapterOptions = { ...options, root: '.' };
        const rollup = rollupPlugin(adapterOptions);
        const emulator = await RuntimeApiEmulator.start({ snapStart: true });
        await emulator.close();
        console.log(JSON.stringify({ ran, registered: getAfterRestore().length, manifest: manifest.afterRestore.map((hook) => hook.name), snapStart: typeof snapStart, HookError: typeof HookError, rollup: rollup.name }));
      `,
    });
    await runOk(process.execPath, [tsc, '-p', dir], dir); // type errors fail it (exit 2)
    const out = lastJson(await runOk(process.execPath, ['dist/main.js'], dir));
    expect(out).toEqual({ ran: ['close', 'reconnect', 'renewed'], registered: 2, manifest: ['renew'], snapStart: 'function', HookError: 'function', rollup: 'snapshot-restore' });
  });

  it('CommonJS TypeScript with skipLibCheck: false: type-checks, compiles to require(), runs', async () => {
    const dir = write(join(root, 'cjs-ts'), {
      'package.json': JSON.stringify({ type: 'commonjs' }),
      // Node16, not NodeNext: TypeScript 5.8+ lets NodeNext require() ES modules (as Node 22+
      // does), which would hide an ESM declaration behind a .d.cts; Node16 reports it (TS1479).
      'tsconfig.json': tsconfig({ module: 'Node16', moduleResolution: 'Node16' }),
      'src/main.ts': `
        import { getBeforeSnapshot, registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
        import { runAfterRestore, runBeforeSnapshot } from 'snapshot-restore/testing';
        import { snapStart } from 'snapshot-restore/lambda';
        import type { BootstrapOptions } from 'snapshot-restore/bootstrap';
        import { snapshotRestore, type SnapshotRestoreOptions } from 'snapshot-restore-tools/esbuild';

        const ran: string[] = [];
        class Db {
          @registerBeforeSnapshot
          static close(): void { ran.push('close'); }
        }
        registerAfterRestore((n: number) => { ran.push('after:' + n); }, 2);
        export function typeErrors(options: BootstrapOptions): void {
          // @ts-expect-error a string is not a hook
          registerBeforeSnapshot('close', options);
        }
        async function main(): Promise<void> {
          await runBeforeSnapshot();
          await runAfterRestore();
          const options: SnapshotRestoreOptions = { severity: { SR007: 'off' } };
          const plugin = snapshotRestore(options);
          // The emulator is ESM only: import() from CommonJS.
          const { RuntimeApiEmulator } = await import('snapshot-restore-tools/emulator');
          console.log(JSON.stringify({ ran, before: getBeforeSnapshot().map((hook) => hook.name), plugin: plugin.name, snapStart: typeof snapStart, emulator: typeof RuntimeApiEmulator, Db: typeof Db }));
        }
        void main();
      `,
    });
    await runOk(process.execPath, [tsc, '-p', dir], dir); // type errors fail it (exit 2)
    expect(readFileSync(join(dir, 'dist/main.js'), 'utf8')).toContain('require("snapshot-restore")');
    const out = lastJson(await runOk(process.execPath, ['dist/main.js'], dir));
    expect(out).toEqual({ ran: ['close', 'after:2'], before: ['Db.close'], plugin: 'snapshot-restore', snapStart: 'function', emulator: 'function', Db: 'function' });
  });

  it('plain JavaScript: require and import, the binary, and check on a handler', async () => {
    const dir = write(join(root, 'plain-js'), {
      'package.json': JSON.stringify({ type: 'commonjs' }),
      'main.cjs': `
        const { registerAfterRestore } = require('snapshot-restore');
        const { runAfterRestore } = require('snapshot-restore/testing');
        const { snapStart } = require('snapshot-restore/lambda');
        const { startRuntime } = require('snapshot-restore/bootstrap');
        const { snapshotRestore } = require('snapshot-restore-tools/esbuild');
        const ran = [];
        registerAfterRestore(() => ran.push('cjs'));
        runAfterRestore().then(() => console.log(JSON.stringify({ ran, types: [snapStart, startRuntime, snapshotRestore].map((f) => typeof f) })));
      `,
      'main.mjs': `
        import { registerAfterRestore } from 'snapshot-restore';
        import { runAfterRestore } from 'snapshot-restore/testing';
        import { snapStart } from 'snapshot-restore/lambda';
        import { startRuntime } from 'snapshot-restore/bootstrap';
        import { snapshotRestore } from 'snapshot-restore-tools/esbuild';
        import { emulate } from 'snapshot-restore-tools/emulator';
        const ran = [];
        registerAfterRestore(() => ran.push('esm'));
        await runAfterRestore();
        console.log(JSON.stringify({ ran, types: [snapStart, startRuntime, snapshotRestore, emulate].map((f) => typeof f) }));
      `,
      'handler.mjs': `
        import { registerAfterRestore } from 'snapshot-restore';
        import { snapStart } from 'snapshot-restore/lambda';
        let connected = false;
        registerAfterRestore(() => { connected = true; });
        export const handler = async () => ({ connected });
        await snapStart();
      `,
    });
    expect(lastJson(await runNode(join(dir, 'main.cjs')))).toEqual({ ran: ['cjs'], types: ['function', 'function', 'function'] });
    expect(lastJson(await runNode(join(dir, 'main.mjs')))).toEqual({ ran: ['esm'], types: ['function', 'function', 'function', 'function'] });
    const bin = join(root, 'node_modules/.bin/snapshot-restore');
    expect((await runOk(bin, ['--version'], dir)).stdout).toBe(`${version}\n`);
    const check = await run(bin, ['check', 'handler.mjs'], dir, { NO_COLOR: '1' });
    expect(check.stdout).toBe('No SnapStart findings in handler.mjs.\n');
    expect(check.code).toBe(0);
  });
});
