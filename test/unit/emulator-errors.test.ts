import { afterEach, describe, expect, it } from 'vitest';
import type { RuntimeApiEmulator } from '../../emulator/index.js';
import { validErrorType } from '../../emulator/runtime-api/error-type.js';
import { postError, runtimeCall, emulatorsClosedAfterEach } from '../helpers/runtime-calls.js';

const start = emulatorsClosedAfterEach(afterEach);

/** Queues an invoke and takes it as the runtime; returns the request id and the invoke's outcome. */
async function takeInvoke(emulator: RuntimeApiEmulator) {
  const result = emulator.invoke({});
  const next = await runtimeCall(emulator, 'GET', '/invocation/next');
  return { requestId: next.headers.get('lambda-runtime-aws-request-id') ?? '', result };
}

describe('POST /runtime/invocation/{id}/error', () => {
  it('answers 202 and fails the invoke with the header type and the parsed body', async () => {
    const emulator = await start();
    const { requestId, result } = await takeInvoke(emulator);
    const body = { errorMessage: 'no such order', errorType: 'NotFoundError', stackTrace: ['at handler (index.js:1:1)'] };
    const answer = await postError(emulator, `/invocation/${requestId}/error`, 'Function.NotFound', body);
    expect(answer.status).toBe(202);
    const outcome = await result;
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toEqual({
      errorType: 'Function.NotFound',
      sentErrorType: 'Function.NotFound',
      errorMessage: 'no such order',
      body,
      raw: JSON.stringify(body),
    });
    const call = emulator.calls.find((entry) => entry.path.endsWith('/error'));
    expect(call).toMatchObject({ method: 'POST', status: 202, errorType: 'Function.NotFound' });
  });

  it("accepts `trace` (the Node.js client's name) as the stack trace", async () => {
    const emulator = await start();
    const { requestId, result } = await takeInvoke(emulator);
    await postError(emulator, `/invocation/${requestId}/error`, 'Runtime.UserCodeSyntaxError', {
      errorMessage: 'bad',
      errorType: 'SyntaxError',
      trace: ['line 1', 'line 2'],
    });
    expect((await result).error?.body?.stackTrace).toEqual(['line 1', 'line 2']);
  });

  it('keeps a body that is not JSON raw', async () => {
    const emulator = await start();
    const { requestId, result } = await takeInvoke(emulator);
    await postError(emulator, `/invocation/${requestId}/error`, 'Function.Crash', 'segfault, sorry');
    const error = (await result).error;
    expect(error).toMatchObject({ errorType: 'Function.Crash', errorMessage: '', raw: 'segfault, sorry' });
    expect(error?.body).toBeUndefined();
  });

  it('records an invalid error type header as Runtime.Unknown, keeping what was sent', async () => {
    const emulator = await start();
    const { requestId, result } = await takeInvoke(emulator);
    await postError(emulator, `/invocation/${requestId}/error`, 'TypeError');
    expect((await result).error).toMatchObject({ errorType: 'Runtime.Unknown', sentErrorType: 'TypeError' });
  });

  it('records a missing error type header as Runtime.Unknown', async () => {
    const emulator = await start();
    const { requestId, result } = await takeInvoke(emulator);
    await postError(emulator, `/invocation/${requestId}/error`, undefined);
    const error = (await result).error;
    expect(error?.errorType).toBe('Runtime.Unknown');
    expect(error?.sentErrorType).toBeUndefined();
  });

  it('answers 400 for an unknown request id', async () => {
    const emulator = await start();
    await takeInvoke(emulator);
    expect((await postError(emulator, '/invocation/nope/error', 'Function.X')).status).toBe(400);
  });

  it('lets the runtime carry on with the next invoke', async () => {
    const emulator = await start();
    const { requestId } = await takeInvoke(emulator);
    await postError(emulator, `/invocation/${requestId}/error`, 'Function.Failed');
    const second = emulator.invoke({ again: true });
    const next = await runtimeCall(emulator, 'GET', '/invocation/next');
    expect(JSON.parse(next.text)).toEqual({ again: true });
    await runtimeCall(emulator, 'POST', `/invocation/${next.headers.get('lambda-runtime-aws-request-id')}/response`, { body: '"ok"' });
    expect((await second).payload).toBe('ok');
  });
});

describe('error type validation', () => {
  it.each([
    ['Runtime.BeforeSnapshotError', 'Runtime.BeforeSnapshotError'],
    ['Runtime.AfterRestoreError', 'Runtime.AfterRestoreError'],
    ['Function.X', 'Runtime.Unknown'], // the name needs at least two letters
    ['Function.Xy', 'Function.Xy'],
    ['Runtime.lowercase', 'Runtime.Unknown'],
    ['Runtime.Has-Dash', 'Runtime.Unknown'],
    ['Runtime.Has1Digit', 'Runtime.Unknown'],
    ['Other.Thing', 'Runtime.Unknown'],
    ['Runtime.ImportModuleError trailing', 'Runtime.Unknown'],
    ['', 'Runtime.Unknown'],
  ])('%j is recorded as %j', (sent, recorded) => {
    expect(validErrorType(sent)).toBe(recorded);
  });
});

describe('POST /runtime/init/error', () => {
  it('answers 202, records the error and fails invokes with it', async () => {
    const emulator = await start();
    const answer = await postError(emulator, '/init/error', 'Runtime.ImportModuleError', {
      errorMessage: "Cannot find module 'index'",
      errorType: 'Runtime.ImportModuleError',
    });
    expect(answer.status).toBe(202);
    expect(emulator.state).toBe('InitError');
    expect(emulator.initError).toMatchObject({
      errorType: 'Runtime.ImportModuleError',
      errorMessage: "Cannot find module 'index'",
    });
    const outcome = await emulator.invoke({});
    expect(outcome.ok).toBe(false);
    expect(outcome.error?.errorType).toBe('Runtime.ImportModuleError');
    // The environment is finished: the runtime may not go on.
    expect((await runtimeCall(emulator, 'GET', '/invocation/next')).status).toBe(403);
  });

  it('fails an invoke already waiting for the runtime', async () => {
    const emulator = await start();
    const pending = emulator.invoke({});
    await postError(emulator, '/init/error', 'Runtime.HandlerNotFound');
    expect((await pending).error?.errorType).toBe('Runtime.HandlerNotFound');
  });

  it('is refused (403) once init is over', async () => {
    const emulator = await start();
    void emulator.invoke({});
    await runtimeCall(emulator, 'GET', '/invocation/next');
    const answer = await postError(emulator, '/init/error', 'Runtime.Late');
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.text).errorType).toBe('InvalidStateTransition');
    expect(emulator.initError).toBeUndefined();
  });
});
