// emulate on the Node.js that runs the suite (CI runs it on 24, 22 and 20, Lambda's versions):
// functions that make a database driver's pool or an AWS SDK client at init get a real V8
// startup snapshot, and the restored driver reaches the network; a library that compiles
// WebAssembly at import gets the one-line reason that names it, and --require-snapshot turns
// that fallback into exit 1.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emulate } from '../../emulator/snapshot/emulate.js';
import { repoRoot, runtimeAlias } from '../helpers/bundle.js';
import { startFakeDynamoDb } from '../helpers/examples.js';
import { runCommand } from '../helpers/run-cli.js';

const fixture = (name: string) => join(repoRoot, 'fixtures/emulate/drivers', name);

/** A loopback server that counts connections and closes each at once: a database that is not there. */
async function startClosingServer(): Promise<{ port: number; connections: () => number; close(): Promise<void> }> {
  let count = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    count++;
    sockets.add(socket);
    socket.destroy();
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => count,
    close: () => new Promise<void>((closed) => server.close(() => closed())),
  };
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((close) => close()));
});

describe(`emulate on Node ${process.version}`, () => {
  for (const driver of ['pg.ts', 'mysql2.ts']) {
    it(`takes a real snapshot of a function that makes a ${driver.replace('.ts', '')} pool at init, and the restored pool connects`, async () => {
      const server = await startClosingServer();
      cleanups.push(server.close);
      const { report } = await emulate({ entry: fixture(driver), restores: 2, alias: runtimeAlias, cwd: repoRoot, env: { DB_PORT: String(server.port) } });
      expect(report.fallbackReason).toBeUndefined();
      expect(report.error).toBeUndefined();
      expect(report.mode).toBe('snapshot');
      expect(report.build?.snapshotBytes).toBeGreaterThan(0);
      for (const restore of report.restores) {
        expect(restore.error).toBeUndefined();
        expect(restore.init).toBeUndefined();
        expect(restore.invokes[0].payload).toMatchObject({ reached: true, error: expect.any(String) });
      }
      // Each restored process opened its own connection (the server closed it: the error above).
      expect(server.connections()).toBeGreaterThanOrEqual(2);
    });
  }

  it('takes a real snapshot of a function that makes an AWS SDK v3 client at init, and the restored client sends', async () => {
    const dynamo = await startFakeDynamoDb();
    cleanups.push(dynamo.close);
    const { report } = await emulate({ entry: fixture('dynamodb.ts'), restores: 2, alias: runtimeAlias, cwd: repoRoot, env: { AWS_ENDPOINT_URL_DYNAMODB: dynamo.url } });
    expect(report.fallbackReason).toBeUndefined();
    expect(report.mode).toBe('snapshot');
    for (const restore of report.restores) expect(restore.invokes[0].payload).toEqual({ tables: [] });
    expect(dynamo.requests.map((request) => request.target)).toEqual(['DynamoDB_20120810.ListTables', 'DynamoDB_20120810.ListTables']);
  });

  it('names the library that compiles WebAssembly at init in one line, and --require-snapshot exits 1 on that fallback', async () => {
    const reason =
      `es-module-lexer compiles WebAssembly at init, and Node ${process.version}'s snapshot builder has no WebAssembly; ` +
      'import es-module-lexer after the restore (await import() in the handler or an after-restore hook) to keep the snapshot';
    const plain = await runCommand(['emulate', fixture('wasm-at-init.ts'), '--restores', '1', '--quiet']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain(`  fallback: ${reason}\n`);
    // The text report shows each invoke's response.
    expect(plain.stdout).toContain('invoke 1: ');
    expect(plain.stdout).toMatch(/invoke 1: .* ok -> \{"exports":\["a"\]\}\n/);

    const required = await runCommand(['emulate', fixture('wasm-at-init.ts'), '--restores', '1', '--quiet', '--require-snapshot']);
    expect(required.code).toBe(1);
    expect(required.stderr).toBe(`snapshot-restore: emulate: no snapshot (--require-snapshot): ${reason}\n`);
  });

  it('refuses --plain with --require-snapshot', async () => {
    const run = await runCommand(['emulate', fixture('pg.ts'), '--plain', '--require-snapshot']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--plain and --require-snapshot contradict each other');
  });
});
