import { afterEach, describe, expect, it } from 'vitest';
import { runtimeCall, emulatorsClosedAfterEach } from '../helpers/runtime-calls.js';

const start = emulatorsClosedAfterEach(afterEach);

describe('GET /runtime/invocation/next', () => {
  it('blocks until invoke() queues an event, then answers it with the Lambda-Runtime-* headers', async () => {
    const emulator = await start({ functionName: 'orders', functionTimeoutMs: 5000 });
    const next = runtimeCall(emulator, 'GET', '/invocation/next');
    await emulator.waitForInvocationNext();

    const before = Date.now();
    const result = emulator.invoke({ hello: 'world' }, { traceId: 'Root=1-00000000-000000000000000000000000;Sampled=0' });
    const answer = await next;

    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ hello: 'world' });
    const requestId = answer.headers.get('lambda-runtime-aws-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const deadline = Number(answer.headers.get('lambda-runtime-deadline-ms'));
    expect(deadline).toBeGreaterThanOrEqual(before + 5000);
    expect(deadline).toBeLessThanOrEqual(Date.now() + 5000);
    expect(answer.headers.get('lambda-runtime-invoked-function-arn')).toBe('arn:aws:lambda:us-east-1:123456789012:function:orders');
    expect(answer.headers.get('lambda-runtime-trace-id')).toBe('Root=1-00000000-000000000000000000000000;Sampled=0');
    expect(answer.headers.has('lambda-runtime-client-context')).toBe(false);
    expect(answer.headers.has('lambda-runtime-cognito-identity')).toBe(false);

    await runtimeCall(emulator, 'POST', `/invocation/${requestId}/response`, { body: '{}' });
    expect((await result).requestId).toBe(requestId);
  });

  it('uses a 3 s function timeout by default and a fresh X-Ray trace id per invoke', async () => {
    const emulator = await start();
    const next = runtimeCall(emulator, 'GET', '/invocation/next');
    const before = Date.now();
    void emulator.invoke({});
    const answer = await next;
    const after = Date.now();
    // The deadline is the invoke's start plus 3 s, and the invoke started between the two clock
    // reads: exact bounds, however long a busy machine takes to answer.
    const deadline = Number(answer.headers.get('lambda-runtime-deadline-ms'));
    expect(deadline).toBeGreaterThanOrEqual(before + 3000);
    expect(deadline).toBeLessThanOrEqual(after + 3000);
    expect(answer.headers.get('lambda-runtime-trace-id')).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$/);
    await runtimeCall(emulator, 'POST', `/invocation/${answer.headers.get('lambda-runtime-aws-request-id')}/response`, { body: '1' });
  });

  it('sends client context and Cognito identity as JSON headers when given', async () => {
    const emulator = await start();
    const next = runtimeCall(emulator, 'GET', '/invocation/next');
    const clientContext = { client: { installation_id: 'abc' }, custom: { a: 1 } };
    const identity = { cognitoIdentityId: 'id-1', cognitoIdentityPoolId: 'pool-1' };
    void emulator.invoke('event', { clientContext, identity });
    const answer = await next;
    expect(JSON.parse(answer.headers.get('lambda-runtime-client-context') ?? '')).toEqual(clientContext);
    expect(JSON.parse(answer.headers.get('lambda-runtime-cognito-identity') ?? '')).toEqual(identity);
    expect(answer.text).toBe('"event"');
    await runtimeCall(emulator, 'POST', `/invocation/${answer.headers.get('lambda-runtime-aws-request-id')}/response`, { body: '1' });
  });

  it('qualifies the invoked function ARN with the version under SnapStart', async () => {
    const emulator = await start({ snapStart: true, functionName: 'fn' });
    const next = runtimeCall(emulator, 'GET', '/invocation/next');
    void emulator.invoke({});
    const answer = await next;
    expect(answer.headers.get('lambda-runtime-invoked-function-arn')).toBe('arn:aws:lambda:us-east-1:123456789012:function:fn:1');
    await runtimeCall(emulator, 'POST', `/invocation/${answer.headers.get('lambda-runtime-aws-request-id')}/response`, { body: '1' });
  });

  it('hands out queued events one at a time, in order', async () => {
    const emulator = await start();
    const first = emulator.invoke({ n: 1 });
    const second = emulator.invoke({ n: 2 });
    for (const n of [1, 2]) {
      const answer = await runtimeCall(emulator, 'GET', '/invocation/next');
      expect(JSON.parse(answer.text)).toEqual({ n });
      const id = answer.headers.get('lambda-runtime-aws-request-id');
      await runtimeCall(emulator, 'POST', `/invocation/${id}/response`, { body: JSON.stringify({ got: n }) });
    }
    expect((await first).payload).toEqual({ got: 1 });
    expect((await second).payload).toEqual({ got: 2 });
  });

  it('refuses a second /invocation/next while an invoke is in flight (403)', async () => {
    const emulator = await start();
    void emulator.invoke({});
    await runtimeCall(emulator, 'GET', '/invocation/next');
    const again = await runtimeCall(emulator, 'GET', '/invocation/next');
    expect(again.status).toBe(403);
    expect(JSON.parse(again.text).errorType).toBe('InvalidStateTransition');
  });
});

describe('POST /runtime/invocation/{id}/response', () => {
  it('answers 202 and resolves the invoke with the payload', async () => {
    const emulator = await start();
    const result = emulator.invoke({ a: 1 });
    const next = await runtimeCall(emulator, 'GET', '/invocation/next');
    const id = next.headers.get('lambda-runtime-aws-request-id');
    const posted = await runtimeCall(emulator, 'POST', `/invocation/${id}/response`, { body: JSON.stringify({ ok: true }) });
    expect(posted.status).toBe(202);
    const outcome = await result;
    expect(outcome).toMatchObject({ requestId: id, ok: true, payload: { ok: true }, rawPayload: '{"ok":true}' });
    expect(outcome.error).toBeUndefined();
    expect(outcome.durationMs).toBeGreaterThanOrEqual(0);
    expect(emulator.state).toBe('ResponseSent');
  });

  it('keeps a response that is not JSON as text', async () => {
    const emulator = await start();
    const result = emulator.invoke({});
    const id = (await runtimeCall(emulator, 'GET', '/invocation/next')).headers.get('lambda-runtime-aws-request-id');
    await runtimeCall(emulator, 'POST', `/invocation/${id}/response`, { body: 'plain text' });
    expect(await result).toMatchObject({ ok: true, payload: 'plain text', rawPayload: 'plain text' });
  });

  it('answers 413 to a body over 6 MB and fails the invoke with Function.ResponseSizeTooLarge', async () => {
    const emulator = await start();
    const result = emulator.invoke({});
    const id = (await runtimeCall(emulator, 'GET', '/invocation/next')).headers.get('lambda-runtime-aws-request-id');
    const tooLarge = await runtimeCall(emulator, 'POST', `/invocation/${id}/response`, {
      body: new Uint8Array(6 * 1024 * 1024 + 1),
    });
    expect(tooLarge.status).toBe(413);
    expect(JSON.parse(tooLarge.text).errorType).toBe('RequestEntityTooLarge');
    const outcome = await result;
    expect(outcome.ok).toBe(false);
    expect(outcome.error?.errorType).toBe('Function.ResponseSizeTooLarge');
  });

  it('accepts a body of exactly 6 MB', async () => {
    const emulator = await start();
    const result = emulator.invoke({});
    const id = (await runtimeCall(emulator, 'GET', '/invocation/next')).headers.get('lambda-runtime-aws-request-id');
    const body = `"${'x'.repeat(6 * 1024 * 1024 - 2)}"`;
    const posted = await runtimeCall(emulator, 'POST', `/invocation/${id}/response`, { body });
    expect(posted.status).toBe(202);
    expect((await result).ok).toBe(true);
  });

  it('answers 400 for a request id it never handed out', async () => {
    const emulator = await start();
    void emulator.invoke({});
    await runtimeCall(emulator, 'GET', '/invocation/next');
    const answer = await runtimeCall(emulator, 'POST', '/invocation/not-a-request-id/response', { body: '{}' });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text).errorType).toBe('InvalidRequestID');
  });

  it('answers 403 to a second answer for the same request', async () => {
    const emulator = await start();
    void emulator.invoke({});
    const id = (await runtimeCall(emulator, 'GET', '/invocation/next')).headers.get('lambda-runtime-aws-request-id');
    expect((await runtimeCall(emulator, 'POST', `/invocation/${id}/response`, { body: '1' })).status).toBe(202);
    const again = await runtimeCall(emulator, 'POST', `/invocation/${id}/response`, { body: '2' });
    expect(again.status).toBe(403);
    expect(JSON.parse(again.text).errorType).toBe('InvalidStateTransition');
  });
});

describe('function timeout', () => {
  it('fails an invoke not answered within the function timeout with Sandbox.Timedout', async () => {
    const emulator = await start({ functionTimeoutMs: 100 });
    const result = emulator.invoke({});
    const id = (await runtimeCall(emulator, 'GET', '/invocation/next')).headers.get('lambda-runtime-aws-request-id');
    const outcome = await result;
    expect(outcome).toMatchObject({ requestId: id, ok: false });
    expect(outcome.error?.errorType).toBe('Sandbox.Timedout');
    expect(outcome.error?.errorMessage).toBe('Task timed out after 0.10 seconds');
    expect(emulator.state).toBe('Timedout');
    // A late answer is refused: on Lambda the environment would be gone.
    expect((await runtimeCall(emulator, 'POST', `/invocation/${id}/response`, { body: '1' })).status).toBe(403);
  });
});
