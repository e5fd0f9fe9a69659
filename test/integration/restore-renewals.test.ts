// The renewals in the real lifecycles, as processes against the Runtime API emulator: a function
// that pools a connection at init through the http global agent and through global fetch, a proxy
// that resets those connections once the environment is "restored", and the first requests after
// the restore: they succeed under the bootstrap and under snapStart(), and the restore's record is
// in the log (text, and JSON with AWS_LAMBDA_LOG_FORMAT=JSON).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/bundle.js';
import { repoRoot } from '../helpers/bundle.js';
import { requireBuild, run, runBootstrap, writeFile, type Running } from '../helpers/lifecycle.js';
import { startOkServer, startResetProxy, type ResetProxy } from '../helpers/reset-proxy.js';

const requests = `
import http from 'node:http';
const target = process.env.TARGET;
const get = () => new Promise((resolve, reject) => http.get(target, (response) => { let body = ''; response.on('data', (c) => (body += c)).on('end', () => resolve(body)); }).on('error', reject));
const both = () => Promise.allSettled([get(), fetch(target).then((response) => response.text())]).then((results) => results.map((result) => result.status === 'fulfilled' ? result.value : result.reason.cause?.code ?? result.reason.code ?? String(result.reason)));
`;

let server: Awaited<ReturnType<typeof startOkServer>>;
let proxy: ResetProxy;
let running: Running | undefined;

beforeAll(async () => {
  requireBuild();
  server = await startOkServer();
  proxy = await startResetProxy(server.port);
});
afterEach(async () => {
  await running?.stop();
  running = undefined;
});
afterAll(async () => {
  await proxy.close();
  await server.close();
});

const env = () => ({ TARGET: `http://127.0.0.1:${proxy.port}/` });

describe('renewed at each restore', () => {
  it.each([['text'], ['JSON']])('under the bootstrap: the first requests after the restore succeed (%s log format)', async (format) => {
    const dir = tempDir('sr-renew-');
    const file = writeFile(dir, 'index.mjs', `${requests}\nexport const pooled = await both();\nexport const handler = async () => ({ pooled, after: await both() });\n`);
    running = await runBootstrap(file, 'handler', { env: { ...env(), ...(format === 'JSON' ? { AWS_LAMBDA_LOG_FORMAT: 'JSON' } : {}) } });
    await running.emulator.waitForRestoreNext();
    const resetsBefore = proxy.resets();
    proxy.restore();
    await running.emulator.restore();
    const result = await running.emulator.invoke({});
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    expect(result.payload).toEqual({ pooled: ['ok', 'ok'], after: ['ok', 'ok'] });
    // The renewals closed the pooled sockets; nothing reached the proxy on them.
    expect(proxy.resets()).toBe(resetsBefore);
    const stdout = running.runtime.stdout;
    if (format === 'JSON') {
      const records = stdout
        .split('\n')
        .filter((line) => line.includes('snapshot-restore.after-restore'))
        .map((line) => JSON.parse(line));
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({ level: 'INFO', message: { type: 'snapshot-restore.after-restore', restore: 1, renewedSockets: 2 } });
    } else {
      expect(stdout).toMatch(/\tINFO\tsnapshot-restore before-snapshot in [\d.]+ ms; 0 hooks\n/);
      expect(stdout).toMatch(
        /\tINFO\tsnapshot-restore restore 1: after-restore in [\d.]+ ms \(renewed in [\d.]+ ms, 2 pooled sockets closed; [\d.]+ s after the snapshot\); 0 hooks\n/,
      );
    }
  });

  it('under snapStart() (an ESM module run as the stock runtime would): the first requests after the restore succeed', async () => {
    const dir = tempDir('sr-renew-');
    const lambda = pathToFileURL(join(repoRoot, 'runtime/dist/esm/lambda.js')).href;
    const restores = pathToFileURL(join(repoRoot, 'runtime/dist/esm/restores.js')).href;
    const file = writeFile(
      dir,
      'index.mjs',
      `${requests}\nimport { snapStart } from '${lambda}';\nimport { restoreCount } from '${restores}';\nconst pooled = await both();\nawait snapStart();\nconsole.log('AFTER ' + JSON.stringify({ pooled, after: await both(), restores: restoreCount() }));\nprocess.exit(0);\n`,
    );
    running = await run([file], { env: env() });
    await running.emulator.waitForRestoreNext();
    proxy.restore();
    await running.emulator.restore();
    const exit = await running.runtime.exited;
    const line = running.runtime.stdout.split('\n').find((text) => text.startsWith('AFTER '));
    expect(line, `${running.runtime.stdout}\n${running.runtime.stderr} (exit ${exit.code})`).toBeDefined();
    expect(JSON.parse((line as string).slice(6))).toEqual({ pooled: ['ok', 'ok'], after: ['ok', 'ok'], restores: 1 });
  });
});
