// emulate on functions as people write them: AWS SDK clients constructed at init (a real
// snapshot), a priming request at init (named, then plain processes), the project's own
// container example, a CommonJS bundle; and a report that is the same on every run.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { emulate, type EmulateOptions } from '../../emulator/snapshot/emulate.js';
import { repoRoot, runtimeAlias, tempDir } from '../helpers/bundle.js';
import { copyExample, startFakeDynamoDb } from '../helpers/examples.js';

const fixture = (name: string) => join(repoRoot, 'fixtures/emulate', name);
const run = (name: string, options: Partial<EmulateOptions> = {}) => emulate({ entry: fixture(name), restores: 2, alias: runtimeAlias, cwd: repoRoot, ...options });

let dynamo: Awaited<ReturnType<typeof startFakeDynamoDb>> | undefined;
afterEach(async () => {
  await dynamo?.close();
  dynamo = undefined;
});

/** The access key id a SigV4 request was signed with. */
const keyId = (headers: Record<string, unknown>) => /Credential=([A-Z0-9]+)\//.exec(String(headers.authorization))?.[1];

describe('emulate on real functions', () => {
  it('snapshots a function that constructs DynamoDB, S3 and document clients at init, and the clients work after the restore', async () => {
    dynamo = await startFakeDynamoDb();
    const { report } = await run('sdk-clients.ts', { event: { listTables: true }, env: { AWS_ENDPOINT_URL_DYNAMODB: dynamo.url } });
    // Node 22 too (its V8 aborted on the ENOENT errors the SDK keeps: error-stacks.ts).
    expect(report.fallbackReason).toBeUndefined();
    expect(report.mode).toBe('snapshot');
    expect(report.unsupported).toEqual([]);
    expect(report.restores).toHaveLength(2);
    for (const restore of report.restores) {
      expect(restore.error).toBeUndefined();
      expect(restore.invokes[0].payload).toMatchObject({ region: 'us-east-1', documents: 'function', tables: [] });
    }
    // One request per restore, each through the client made at init, signed with that environment's credentials.
    expect(dynamo.requests.map((request) => request.target)).toEqual(['DynamoDB_20120810.ListTables', 'DynamoDB_20120810.ListTables']);
    expect(dynamo.requests.every((request) => keyId(request.headers))).toBe(true);
  });

  it("lists only the values of the user's own modules as the same in every restore, the same on every run", async () => {
    const first = await run('sdk-clients.ts', { restores: 3 });
    const second = await run('sdk-clients.ts', { restores: 3 });
    const shape = (report: typeof first.report) => report.sameValues.map((same) => ({ where: same.where, looksLike: same.looksLike }));
    expect(shape(first.report)).toEqual([{ where: ['module bootId', 'response.bootId'], looksLike: 'a UUID' }]);
    expect(shape(second.report)).toEqual(shape(first.report));
    expect(first.report.sameValuesCut).toBeUndefined();
    // The UUID itself is this run's: it differs between runs (each built its own snapshot).
    expect(first.report.sameValues[0].value).not.toBe(second.report.sameValues[0].value);
  });

  it('turns an agent made at init into a real one on first use after the restore', async () => {
    const { createServer } = await import('node:http');
    const server = createServer((_, response) => response.end('hello from the server'));
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    try {
      const port = (server.address() as { port: number }).port;
      const { report } = await run('agent-after-restore.ts', { env: { TARGET_URL: `http://127.0.0.1:${port}/` } });
      expect(report.mode).toBe('snapshot');
      for (const restore of report.restores) expect(restore.invokes[0].payload).toEqual({ body: 'hello from the server', isAgent: true, maxSockets: 4 });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it("names the user's line of a request at init, and runs plain processes whose hook closed the connection", async () => {
    dynamo = await startFakeDynamoDb();
    const { report } = await run('priming.ts', { env: { AWS_ENDPOINT_URL_DYNAMODB: dynamo.url } });
    expect(report.mode).toBe('plain');
    expect(report.unsupported).toEqual([
      expect.objectContaining({ module: 'node:http', property: 'request', site: expect.stringMatching(/^fixtures\/emulate\/priming\.ts:9:\d+$/) }),
    ]);
    expect(report.fallbackReason).toContain(`Node ${process.version} cannot put node:http in a startup snapshot`);
    expect(report.fallbackReason).not.toMatch(/Node 20\b/);
    expect(report.fallbackReason).toMatch(/The before-snapshot hooks close what it opened/);
    expect(report.openHandles).toEqual([]);
    for (const restore of report.restores) expect(restore.invokes[0]).toMatchObject({ ok: true, payload: { primed: true } });
  });

  it('says what to do when the priming connection is left open', async () => {
    dynamo = await startFakeDynamoDb();
    const { report } = await run('priming.ts', { env: { AWS_ENDPOINT_URL_DYNAMODB: dynamo.url, KEEP_OPEN: '1' } });
    expect(report.mode).toBe('plain');
    expect(report.fallbackReason).toMatch(/Close what it opened in a before-snapshot hook/);
    expect(report.openHandles).toEqual([expect.objectContaining({ kind: 'socket', site: expect.stringMatching(/^fixtures\/emulate\/priming\.ts:9:\d+$/) })]);
  });

  it('runs examples/container-nodejs: its hook leaves no handle, and every restore answers', async () => {
    dynamo = await startFakeDynamoDb();
    const dir = copyExample('container-nodejs');
    const { report } = await emulate({ entry: 'src/handler.ts', cwd: dir, restores: 2, event: { orderId: 'o-1', total: 3 }, env: { AWS_ENDPOINT_URL_DYNAMODB: dynamo.url } });
    expect(report.error).toBeUndefined();
    expect(report.openHandles).toEqual([]);
    expect(report.hooks).toEqual({ beforeSnapshot: ['closeClient'], afterRestore: ['replaceClient'] });
    for (const restore of report.restores) expect(restore.invokes[0]).toMatchObject({ ok: true, payload: { saved: 'o-1' } });
    expect(dynamo.requests.map((request) => request.target)).toEqual(expect.arrayContaining(['DynamoDB_20120810.GetItem', 'DynamoDB_20120810.PutItem']));
  });

  it('emulates a CommonJS bundle (what the bootstrap runs)', async () => {
    const dir = tempDir();
    const entry = join(dir, 'source.ts');
    writeFileSync(
      entry,
      "import { registerAfterRestore } from 'snapshot-restore';\nregisterAfterRestore(function hello() {});\nexport const handler = async () => ({ commonJs: typeof module });\n",
    );
    const bundle = join(dir, 'index.js');
    await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, alias: runtimeAlias, logLevel: 'silent' });
    const { report } = await emulate({ entry: bundle, restores: 2, cwd: dir });
    expect(report.mode).toBe('snapshot');
    expect(report.hooks.afterRestore).toEqual(['hello']);
    for (const restore of report.restores) expect(restore.invokes[0]).toMatchObject({ ok: true, payload: { commonJs: 'object' } });
  });
});
