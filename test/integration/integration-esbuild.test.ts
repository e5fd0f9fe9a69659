// The plain esbuild recipes, built by their own build scripts and run under the Runtime API
// emulator through a restore and an invoke, with a stand-in DynamoDB endpoint so that the SDK
// calls the handlers make after the restore are real requests, signed with the credentials the
// emulator serves (there are no static keys under SnapStart).
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { copyExample, linesWith, readJson, shOk, startFakeDynamoDb } from '../helpers/examples.js';
import { requireBuild, run, type Running } from '../helpers/lifecycle.js';
import { stdoutLinesUntil } from '../helpers/output.js';

let running: Running | undefined;
let dynamo: Awaited<ReturnType<typeof startFakeDynamoDb>> | undefined;

beforeAll(() => requireBuild());
afterEach(async () => {
  await running?.stop();
  await dynamo?.close();
  running = dynamo = undefined;
});

const restoreCalls = (r: Running) => r.emulator.calls.filter((call) => call.path.includes('/restore/')).map((call) => `${call.method} ${call.status}`);

describe('examples/esbuild-esm: ESM bundle ending in `await snapStart()`', () => {
  let dir: string;
  beforeAll(async () => {
    dir = copyExample('esbuild-esm');
    await shOk('npm run build --silent', dir);
  });

  it('builds with the plugin: no findings, and a manifest listing both hooks', () => {
    const manifest = readJson(join(dir, 'dist/snapshot-restore.manifest.json'));
    expect(manifest.output).toBe('dist/index.mjs');
    expect(manifest.diagnostics).toEqual([]);
    expect(manifest.beforeSnapshot.map((h: any) => h.name)).toEqual(['closeClient']);
    expect(manifest.afterRestore.map((h: any) => h.name)).toEqual(['renewAfterRestore']);
  });

  it('drives the lifecycle itself when Lambda imports it: hooks around /restore/next', async () => {
    // What the stock Node.js runtime does first: import the handler module and wait for it.
    running = await run([join(dir, 'dist/index.mjs')]);
    await running.emulator.waitForRestoreNext();
    // The hooks printed before the runtime called /restore/next, but a pipe and a socket are read
    // in no fixed order: wait for the line.
    await stdoutLinesUntil(running.runtime, 'before snapshot');
    expect(linesWith(running.runtime.stdout, 'before snapshot')).toHaveLength(1);
    expect(linesWith(running.runtime.stdout, 'after restore')).toHaveLength(0);
    await running.emulator.restore();
    expect((await running.runtime.exited).code).toBe(0);
    expect(linesWith(running.runtime.stdout, 'after restore: new DynamoDB client')).toHaveLength(1);
    expect(restoreCalls(running)).toEqual(['GET 200']);
  });

  it('serves an invoke after the restore with the renewed client and ID', async () => {
    dynamo = await startFakeDynamoDb();
    // The bootstrap stands in for the stock runtime client here: it imports the module (whose
    // `await snapStart()` runs the lifecycle), then serves invokes.
    running = await run([join(dir, 'node_modules/snapshot-restore/dist/esm/bootstrap.js')], {
      env: { _HANDLER: 'index.handler', LAMBDA_TASK_ROOT: join(dir, 'dist'), AWS_ENDPOINT_URL_DYNAMODB: dynamo.url, TABLE_NAME: 'orders' },
    });
    await running.emulator.waitForRestoreNext();
    await running.emulator.restore();
    const result = await running.emulator.invoke({ orderId: 'o-1' });
    expect(result.error).toBeUndefined();

    const [restoreLine] = linesWith(running.runtime.stdout, 'after restore');
    const environmentId = (result.payload as { environmentId: string }).environmentId;
    expect(restoreLine).toContain(environmentId); // the ID made after the restore, not at init
    expect(dynamo.requests).toHaveLength(1);
    expect(dynamo.requests[0]!.target).toBe('DynamoDB_20120810.PutItem');
    expect(dynamo.requests[0]!.body).toEqual({ TableName: 'orders', Item: { orderId: { S: 'o-1' }, environmentId: { S: environmentId } } });
    // Signed with the credentials the SDK fetched from the container credentials endpoint.
    expect(dynamo.requests[0]!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=/);
    expect(restoreCalls(running)).toEqual(['GET 200']);
    expect(running.emulator.calls.every((call) => !call.preSnapshotConnection)).toBe(true);
    expect(running.runtime.stderr).not.toContain('snapshot-restore:'); // the manifest matches what registered
  });
});

describe('examples/esbuild-cjs-bootstrap: CommonJS bundle run by the bootstrap', () => {
  let dir: string;
  beforeAll(async () => {
    dir = copyExample('esbuild-cjs-bootstrap');
    await shOk('npm run build --silent', dir);
  });

  it('builds with the plugin (SR007 off: the bootstrap drives the lifecycle), no findings', () => {
    const manifest = readJson(join(dir, 'dist/snapshot-restore.manifest.json'));
    expect(manifest.output).toBe('dist/index.cjs');
    expect(manifest.diagnostics).toEqual([]);
    expect(manifest.afterRestore.map((h: any) => h.name)).toEqual(['renewAfterRestore']);
  });

  it('`node dist/bootstrap.cjs` runs the hooks around the restore, then serves invokes', async () => {
    dynamo = await startFakeDynamoDb();
    running = await run([join(dir, 'dist/bootstrap.cjs')], {
      env: { _HANDLER: 'index.handler', LAMBDA_TASK_ROOT: join(dir, 'dist'), AWS_ENDPOINT_URL_DYNAMODB: dynamo.url },
    });
    await running.emulator.waitForRestoreNext();
    await stdoutLinesUntil(running.runtime, 'before snapshot: closing the DynamoDB client');
    expect(linesWith(running.runtime.stdout, 'before snapshot: closing the DynamoDB client')).toHaveLength(1);
    await running.emulator.restore();
    const result = await running.emulator.invoke({ orderId: 'o-2' });
    expect(result.error).toBeUndefined();
    const payload = result.payload as { requestToken: string; found: boolean };
    expect(payload.found).toBe(false);
    // The bound argument reached the hook, and the token is the one made after the restore.
    expect(linesWith(running.runtime.stdout, 'after restore')).toEqual([expect.stringContaining(`(maxAttempts 3), token ${payload.requestToken}`)]);
    expect(dynamo.requests.map((r) => r.target)).toEqual(['DynamoDB_20120810.GetItem']);
    expect(dynamo.requests[0]!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
    expect(restoreCalls(running)).toEqual(['GET 200']);
  });
});
