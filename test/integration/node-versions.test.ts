// What changes between the Node.js versions the suite runs on (20, 22, 24: `.ci/run` runs it on
// each). Every expectation is computed from the running version, so each run checks its own
// column of the README's "Node.js versions" table.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runNode, tempDir } from '../helpers/bundle.js';
import { requireBuild } from '../helpers/lifecycle.js';

const major = Number(process.versions.node.split('.')[0]);

/** A scratch project whose node_modules has this repository's two packages (built). */
function project(files: Record<string, string>): string {
  requireBuild();
  const dir = tempDir('sr-node-');
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(join(repoRoot, 'runtime'), join(dir, 'node_modules/snapshot-restore'), 'dir');
  symlinkSync(repoRoot, join(dir, 'node_modules/snapshot-restore-tools'), 'dir');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe(`Node.js ${process.versions.node}`, () => {
  it('builds a V8 startup snapshot and starts from it; node:http aborts the build (why emulate has stand-ins)', async () => {
    const dir = project({
      'plain.cjs': `
        const v8 = require('node:v8');
        const madeAtInit = { value: 41 };
        v8.startupSnapshot.setDeserializeMainFunction(() => console.log(JSON.stringify({ restored: madeAtInit.value + 1 })));
      `,
      'uses-http.cjs': `
        const v8 = require('node:v8');
        const agent = new (require('node:http').Agent)({ keepAlive: true });
        v8.startupSnapshot.setDeserializeMainFunction(() => console.log(typeof agent));
      `,
    });
    const blob = join(dir, 'plain.blob');
    expect((await runNode('--snapshot-blob', [blob, '--build-snapshot', join(dir, 'plain.cjs')])).code).toBe(0);
    expect((await runNode('--snapshot-blob', [blob])).stdout).toBe('{"restored":42}\n');
    const http = await runNode('--snapshot-blob', [join(dir, 'http.blob'), '--build-snapshot', join(dir, 'uses-http.cjs')]);
    expect(http.code).not.toBe(0);
  });

  it('require(esm) is on: CommonJS can require() the ESM-only emulator entry; without it, the CommonJS builds still load', async () => {
    const dir = project({
      'main.cjs': `
        const loaded = {};
        for (const entry of ['snapshot-restore', 'snapshot-restore-tools/esbuild', 'snapshot-restore-tools/emulator']) {
          try { loaded[entry] = typeof Object.values(require(entry))[0]; } catch (error) { loaded[entry] = error.code; }
        }
        console.log(JSON.stringify({ requireModule: process.features.require_module ?? false, loaded }));
      `,
    });
    // On by default since 20.19, 22.12 and 23.0: every version CI installs has it.
    expect(JSON.parse((await runNode(join(dir, 'main.cjs'))).stdout)).toEqual({
      requireModule: true,
      loaded: { 'snapshot-restore': 'function', 'snapshot-restore-tools/esbuild': 'function', 'snapshot-restore-tools/emulator': 'function' },
    });
    // What an older 20.x or 22.x does: the runtime and the esbuild plugin have CommonJS builds.
    const off = await runNode('--no-experimental-require-module', [join(dir, 'main.cjs')]);
    expect(JSON.parse(off.stdout).loaded).toEqual({
      'snapshot-restore': 'function',
      'snapshot-restore-tools/esbuild': 'function',
      'snapshot-restore-tools/emulator': 'ERR_REQUIRE_ESM',
    });
  });

  it("node's own TypeScript support (22.18+, 24) runs a hook module with `node --test`, but not one with decorators", async () => {
    const dir = project({
      'package.json': JSON.stringify({ type: 'module' }),
      'plain.test.ts': `
        import { test } from 'node:test';
        import { strictEqual } from 'node:assert';
        import { registerAfterRestore } from 'snapshot-restore';
        import { runAfterRestore } from 'snapshot-restore/testing';
        const ran: string[] = [];
        registerAfterRestore((label: string) => { ran.push(label); }, 'renewed');
        test('runs', async () => { await runAfterRestore(); strictEqual(ran[0], 'renewed'); });
      `,
      'decorated.test.ts': `
        import { test } from 'node:test';
        import { registerAfterRestore } from 'snapshot-restore';
        class Db { @registerAfterRestore static reconnect(): void {} }
        test('never gets here', () => {});
      `,
    });
    const plain = await runNode('--test', [join(dir, 'plain.test.ts')]);
    const decorated = await runNode('--test', [join(dir, 'decorated.test.ts')]);
    // @types/node 20 does not know process.features.typescript (22.10+).
    expect((process.features as { typescript?: string }).typescript ?? false).toBe(major >= 22 ? 'strip' : false);
    if (major >= 22) {
      expect(plain.code).toBe(0);
      expect(decorated.code).not.toBe(0);
      expect(decorated.stdout + decorated.stderr).toMatch(/SyntaxError: Invalid or unexpected token/);
    } else {
      for (const run of [plain, decorated]) {
        expect(run.code).not.toBe(0);
        expect(run.stdout + run.stderr).toMatch(/ERR_UNKNOWN_FILE_EXTENSION|Unknown file extension/);
      }
    }
  });
});
