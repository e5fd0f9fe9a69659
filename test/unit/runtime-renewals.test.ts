// The renewals at each restore, against a proxy that resets the connections pooled before the
// "snapshot": the first request after the restore fails without them and never with them, for the
// http global agent, global fetch (undici's global dispatcher), an app-owned http.Agent and an AWS
// SDK client (through renewConnections). The entropy caches: test/integration/restore-entropy.test.ts.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { renewAfterRestore, renewConnections } from '../../runtime/lifecycle/renewals.js';
import { startOkServer, startResetProxy, type ResetProxy } from '../helpers/reset-proxy.js';

const ROUNDS = 100;
let server: Awaited<ReturnType<typeof startOkServer>>;
let proxy: ResetProxy;

beforeAll(async () => {
  server = await startOkServer();
  proxy = await startResetProxy(server.port);
});
afterAll(async () => {
  await proxy.close();
  await server.close();
});

const url = () => `http://127.0.0.1:${proxy.port}/`;

function get(agent: http.Agent = http.globalAgent): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url(), { agent }, (response) => {
        let body = '';
        response.setEncoding('utf8').on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve(body)).on('error', reject);
      })
      .on('error', reject);
  });
}

const fetchText = () => fetch(url()).then((response) => response.text());

/** Rounds of: a request (pooled), the restore, maybe the renewal, the first request after; failures counted. */
async function firstRequestFailures(request: () => Promise<string>, renew: (() => Promise<unknown>) | undefined): Promise<number> {
  let failures = 0;
  for (let round = 0; round < ROUNDS; round++) {
    // Before the "snapshot": a request that succeeds, so that its connection is pooled (without the
    // renewals, a stale connection left by the last round may fail it first).
    expect(await request().catch(request)).toBe('ok');
    proxy.restore();
    if (renew) await renew();
    try {
      expect(await request()).toBe('ok');
    } catch {
      failures++;
    }
  }
  return failures;
}

describe.each([
  ['the http global agent', () => get()],
  ['global fetch (undici global dispatcher)', fetchText],
])('%s', (_name, request) => {
  it(`the first request after the restore fails without the renewals, and 0 times in ${ROUNDS} with them`, async () => {
    const without = await firstRequestFailures(request, undefined);
    const withRenewals = await firstRequestFailures(request, renewAfterRestore);
    expect(without).toBeGreaterThan(0);
    expect(withRenewals).toBe(0);
  });
});

describe('renewConnections, for the agents the app keeps', () => {
  it('renews a pooled http.Agent of its own', async () => {
    const agent = new http.Agent({ keepAlive: true });
    const without = await firstRequestFailures(() => get(agent), undefined);
    const renewed = await firstRequestFailures(
      () => get(agent),
      () => renewConnections(agent),
    );
    agent.destroy();
    expect(without).toBeGreaterThan(0);
    expect(renewed).toBe(0);
  });

  it('renews an undici Agent of its own (the class of the one behind fetch: Node ships undici)', async () => {
    await fetchText().catch(fetchText); // Node creates its global dispatcher on first use (a stale pooled socket may fail the first try)
    const dispatcherKey = Symbol.for('undici.globalDispatcher.1');
    const Agent = (globalThis as Record<symbol, { constructor: new () => { close(): Promise<void> } }>)[dispatcherKey].constructor;
    const dispatcher = new Agent();
    const request = () => fetch(url(), { dispatcher } as RequestInit).then((response) => response.text());
    const without = await firstRequestFailures(request, undefined);
    const renewed = await firstRequestFailures(request, () => renewConnections(dispatcher));
    await dispatcher.close();
    expect(without).toBeGreaterThan(0);
    expect(renewed).toBe(0);
  });

  it("renews an AWS SDK client's NodeHttpHandler, found through the client", async () => {
    const client = new DynamoDBClient({ endpoint: url(), region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
    // The local server answers `ok`, which the SDK cannot parse: what counts is whether the request got an answer.
    const answered = () =>
      client.send(new ListTablesCommand({})).then(
        () => 'ok',
        (error: { $metadata?: { httpStatusCode?: number } }) => {
          if (error.$metadata?.httpStatusCode === 200) return 'ok';
          throw error;
        },
      );
    const without = await firstRequestFailures(answered, undefined);
    let closed = 0;
    const renewed = await firstRequestFailures(answered, async () => (closed += await renewConnections(client)));
    client.destroy();
    expect(without).toBeGreaterThan(0);
    expect(renewed).toBe(0);
    expect(closed).toBeGreaterThanOrEqual(ROUNDS);
  });

  it('leaves alone what is not an outbound connection, and follows no getter', async () => {
    let read = false;
    const holder = {
      stdout: process.stdout,
      get lazy() {
        read = true;
        return {};
      },
    };
    expect(await renewConnections(holder)).toBe(0);
    expect(read).toBe(false);
    expect(await renewConnections(undefined)).toBe(0);
  });
});
