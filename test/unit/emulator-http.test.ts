import { afterEach, describe, expect, it } from 'vitest';
import type { ContainerCredentials } from '../../emulator/index.js';
import { runtimeCall, emulatorsClosedAfterEach } from '../helpers/runtime-calls.js';

const start = emulatorsClosedAfterEach(afterEach);

describe('server', () => {
  it('listens on 127.0.0.1 on a free port', async () => {
    const emulator = await start();
    expect(emulator.address).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(emulator.address).not.toBe('127.0.0.1:0');
  });

  it('answers 404 to unknown routes', async () => {
    const emulator = await start({ snapStart: true });
    for (const path of ['/2018-06-01/runtime/nope', '/2018-06-01/runtime/invocation/next/extra', '/runtime/invocation/next', '/']) {
      const response = await fetch(`http://${emulator.address}${path}`);
      expect(response.status, path).toBe(404);
      await response.text();
    }
  });

  it('answers 405 with an Allow header to a known route with the wrong method', async () => {
    const emulator = await start({ snapStart: true });
    const cases: Array<[method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, allow: string]> = [
      ['POST', '/invocation/next', 'GET'],
      ['POST', '/restore/next', 'GET'],
      ['GET', '/init/error', 'POST'],
      ['GET', '/restore/error', 'POST'],
      ['GET', '/invocation/abc/response', 'POST'],
      ['PUT', '/invocation/abc/error', 'POST'],
    ];
    for (const [method, path, allow] of cases) {
      const answer = await runtimeCall(emulator, method, path);
      expect(answer.status, `${method} ${path}`).toBe(405);
      expect(answer.headers.get('allow')).toBe(allow);
    }
    const credentials = await fetch(`http://${emulator.address}/2021-04-23/credentials`, { method: 'POST' });
    expect(credentials.status).toBe(405);
    await credentials.text();
    expect(emulator.state).toBe('Started');
  });
});

describe('GET /2021-04-23/credentials', () => {
  it('answers well-formed fake credentials, fresh on each call, to the right token', async () => {
    const emulator = await start({ snapStart: true });
    const env = emulator.env();
    const url = env.AWS_CONTAINER_CREDENTIALS_FULL_URI ?? '';
    expect(url).toBe(`http://${emulator.address}/2021-04-23/credentials`);
    const token = env.AWS_CONTAINER_AUTHORIZATION_TOKEN ?? '';
    expect(token.length).toBeGreaterThan(16);

    const first = await fetch(url, { headers: { Authorization: token } });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/json');
    const credentials = (await first.json()) as ContainerCredentials;
    expect(Object.keys(credentials).sort()).toEqual(['AccessKeyId', 'Expiration', 'SecretAccessKey', 'Token']);
    expect(credentials.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(credentials.SecretAccessKey).toHaveLength(40);
    expect(credentials.Token.length).toBeGreaterThan(100);
    expect(credentials.Expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Date.parse(credentials.Expiration)).toBeGreaterThan(Date.now() + 30 * 60_000);

    const second = (await (await fetch(url, { headers: { Authorization: token } })).json()) as ContainerCredentials;
    expect(second.AccessKeyId).not.toBe(credentials.AccessKeyId);
    expect(second.Token).not.toBe(credentials.Token);
  });

  it('answers 401 without a token or with a wrong one', async () => {
    const emulator = await start();
    const url = `http://${emulator.address}/2021-04-23/credentials`;
    const missing = await fetch(url);
    expect(missing.status).toBe(401);
    await missing.text();
    const wrong = await fetch(url, { headers: { Authorization: 'not-the-token' } });
    expect(wrong.status).toBe(401);
    await wrong.text();
  });
});

describe('env()', () => {
  it('gives a SnapStart runtime everything it reads, and no static credentials', async () => {
    const emulator = await start({ snapStart: true, functionName: 'fn', memorySizeMb: 512, region: 'eu-west-1' });
    const env = emulator.env();
    expect(env).toMatchObject({
      AWS_LAMBDA_RUNTIME_API: emulator.address,
      AWS_LAMBDA_INITIALIZATION_TYPE: 'snap-start',
      AWS_LAMBDA_FUNCTION_NAME: 'fn',
      AWS_LAMBDA_FUNCTION_VERSION: '1',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/fn',
      AWS_REGION: 'eu-west-1',
      AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://${emulator.address}/2021-04-23/credentials`,
    });
    expect(env.AWS_LAMBDA_LOG_STREAM_NAME).toMatch(/^\d{4}\/\d\d\/\d\d\/\[1\][0-9a-f]{32}$/);
    expect(env.AWS_CONTAINER_AUTHORIZATION_TOKEN).toBeTruthy();
    expect(env).not.toHaveProperty('AWS_ACCESS_KEY_ID');
    expect(env).not.toHaveProperty('AWS_SECRET_ACCESS_KEY');
    expect(env).not.toHaveProperty('AWS_SESSION_TOKEN');
  });

  it('gives an on-demand runtime static (fake) keys, as Lambda does, and $LATEST', async () => {
    const emulator = await start({ handler: 'index.handler', taskRoot: '/var/task' });
    const env = emulator.env();
    expect(env.AWS_LAMBDA_INITIALIZATION_TYPE).toBe('on-demand');
    expect(env.AWS_LAMBDA_FUNCTION_VERSION).toBe('$LATEST');
    expect(env.AWS_ACCESS_KEY_ID).toMatch(/^ASIA/);
    expect(env._HANDLER).toBe('index.handler');
    expect(env.LAMBDA_TASK_ROOT).toBe('/var/task');
  });
});
