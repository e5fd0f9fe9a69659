// The tsup recipe: `npm run build` runs the tsup CLI with tsup.config.ts, whose esbuildPlugins
// carry the snapshot-restore plugin. Its findings fail the tsup build, its manifest lands in dist/,
// and the bundle runs under the emulator through a restore and an invoke.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { copyExample, linesWith, readJson, sh, shOk, startFakeDynamoDb } from '../helpers/examples.js';
import { requireBuild, run, type Running } from '../helpers/lifecycle.js';

let running: Running | undefined;
let dynamo: Awaited<ReturnType<typeof startFakeDynamoDb>> | undefined;

beforeAll(() => requireBuild());
afterEach(async () => {
  await running?.stop();
  await dynamo?.close();
  running = dynamo = undefined;
});

describe('examples/tsup', () => {
  let dir: string;
  beforeAll(async () => {
    dir = copyExample('tsup');
    await shOk('npm run build --silent', dir);
  });

  it('builds one file with no findings and a manifest listing the hooks', () => {
    const manifest = readJson(join(dir, 'dist/snapshot-restore.manifest.json'));
    expect(manifest).toMatchObject({ entryPoint: 'src/handler.ts', output: 'dist/index.mjs', diagnostics: [] });
    expect(manifest.beforeSnapshot.map((h: any) => h.name)).toEqual(['closeClient']);
    expect(manifest.afterRestore.map((h: any) => h.name)).toEqual(['renewAfterRestore']);
  });

  it('runs under the emulator: hooks around the restore, then an invoke', async () => {
    dynamo = await startFakeDynamoDb();
    running = await run([join(dir, 'node_modules/snapshot-restore/dist/esm/bootstrap.js')], {
      env: { _HANDLER: 'index.handler', LAMBDA_TASK_ROOT: join(dir, 'dist'), AWS_ENDPOINT_URL_DYNAMODB: dynamo.url },
    });
    await running.emulator.restore();
    const result = await running.emulator.invoke({ customer: 'c-3' });
    expect(result.error).toBeUndefined();
    const { environmentId } = result.payload as { environmentId: string };
    expect(linesWith(running.runtime.stdout, 'after restore')).toEqual([expect.stringContaining(environmentId)]);
    expect(dynamo.requests).toHaveLength(1);
    expect(running.runtime.stderr).not.toContain('never registered');
  });

  it("fails the tsup build on a finding (failOn: 'warning'), with the plugin's message", async () => {
    // The same handler without its `await snapStart()`: nothing would run the hooks (SR007).
    const handler = join(dir, 'src/handler.ts');
    writeFileSync(handler, readFileSync(handler, 'utf8').replace('await snapStart();', ''));
    const result = await sh('npx tsup', dir);
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toContain('SR007');
  });
});
