// Middy and Powertools for AWS Lambda, the two libraries most Lambda handlers are written with:
// each example is built by its own build script with the plugin (no findings: the wrapped
// handler and the legacy decorators are understood), then run under the emulator through a
// restore and an invoke, with the hooks really running.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { copyExample, linesWith, readJson, sh, shOk } from '../helpers/examples.js';
import { requireBuild, run, type Running } from '../helpers/lifecycle.js';
import { stdoutLinesUntil } from '../helpers/output.js';

let running: Running | undefined;

beforeAll(() => requireBuild());
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

/** Starts the bundle in dist/ under the emulator (the bootstrap standing in for the stock client) and restores it. */
async function startRestored(dir: string): Promise<Running> {
  running = await run([join(dir, 'node_modules/snapshot-restore/dist/esm/bootstrap.js')], {
    env: { _HANDLER: 'index.handler', LAMBDA_TASK_ROOT: join(dir, 'dist') },
  });
  await running.emulator.waitForRestoreNext();
  await running.emulator.restore();
  return running;
}

describe('examples/middy: hooks next to middy(handler)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = copyExample('middy');
    await shOk('npm run build --silent', dir);
  });

  it('builds with no findings: the hooks are at init, the middy-wrapped export is the handler', () => {
    const manifest = readJson(join(dir, 'dist/snapshot-restore.manifest.json'));
    expect(manifest.diagnostics).toEqual([]);
    expect(manifest.beforeSnapshot.map((h: any) => h.name)).toEqual(['flushStartupLog']);
    expect(manifest.afterRestore.map((h: any) => h.name)).toEqual(['renewEnvironmentId']);
  });

  it('runs the hooks around the restore and answers through the middleware', async () => {
    const r = await startRestored(dir);
    const result = await r.emulator.invoke({ pathParameters: { id: 'o-7' } });
    expect(result.error).toBeUndefined();
    const response = result.payload as { statusCode: number; body: string; headers: Record<string, string> };
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ orderId: 'o-7' });
    // The header comes from the middleware and carries the ID made after the restore.
    const environmentId = response.headers['x-environment-id'];
    const stdout = (await stdoutLinesUntil(r.runtime, 'after restore')).join('\n');
    expect(linesWith(stdout, 'after restore')).toEqual([expect.stringContaining(environmentId!)]);
    expect(linesWith(stdout, 'startup: loaded the order routes')).toHaveLength(1);
  });

  it('flags a hook registered inside a middleware (it would register at invoke time, too late)', async () => {
    const handler = join(dir, 'src/handler.ts');
    const late = readFileSync(handler, 'utf8').replace(
      '  after: async (request) => {\n',
      '  after: async (request) => {\n    registerAfterRestore(() => console.info("too late"));\n',
    );
    writeFileSync(handler, late);
    const result = await sh('npm run build --silent', dir);
    expect(result.code).not.toBe(0);
    // The plugin cannot prove when a middleware runs, and says so (SR005) rather than guess.
    expect(result.stderr).toMatch(/\[SR00[125]\].*registerAfterRestore\(\(\) => console\.info/);
  });
});

describe('examples/powertools: a class handler with legacy decorators', () => {
  let dir: string;
  beforeAll(async () => {
    dir = copyExample('powertools');
    await shOk('npm run build --silent', dir);
  });

  it('builds with legacy decorators (tsconfig experimentalDecorators) and no findings', () => {
    const bundle = readFileSync(join(dir, 'dist/index.mjs'), 'utf8');
    expect(bundle).toContain('__decorateClass'); // esbuild's legacy-decorator helper
    expect(bundle).not.toContain('__decorateElement'); // its standard-decorator helper
    const manifest = readJson(join(dir, 'dist/snapshot-restore.manifest.json'));
    expect(manifest.diagnostics).toEqual([]);
    expect(manifest.beforeSnapshot).toMatchObject([{ name: 'Lambda.beforeSnapshot', kind: 'decorator' }]);
    expect(manifest.afterRestore).toMatchObject([{ name: 'Lambda.afterRestore', kind: 'decorator' }]);
  });

  it('runs the decorated static hooks around the restore; Powertools logs carry the context and the new ID', async () => {
    const r = await startRestored(dir);
    const result = await r.emulator.invoke({ orderId: 'o-9' });
    expect(result.error).toBeUndefined();
    const { environmentId } = result.payload as { environmentId: string };

    // The invoke's log line can reach us after its answer: wait for it.
    const logs = (await stdoutLinesUntil(r.runtime, '"order received"')).filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
    expect(logs.map((l) => l.message)).toEqual(['before snapshot', 'after restore', 'order received']);
    const [, restored, received] = logs;
    expect(restored.environmentId).toBe(environmentId);
    // @logger.injectLambdaContext() ran: the invoke's log line has the request's context.
    expect(received).toMatchObject({ orderId: 'o-9', environmentId, function_request_id: result.requestId, service: 'orders' });
    expect(r.runtime.stderr).not.toContain('never registered');
  });
});
