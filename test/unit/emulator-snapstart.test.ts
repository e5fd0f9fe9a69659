import { Agent, request } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EmulatorOptions, RuntimeApiEmulator } from '../../emulator/index.js';
import { emulatorsClosedAfterEach, lambdaHeaderNames, postError, runtimeCall } from '../helpers/runtime-calls.js';

const startEmulator = emulatorsClosedAfterEach(afterEach);
// Tests that fake the clock put the real one back before their emulators are closed (after-hooks run last-registered first).
afterEach(() => {
  vi.useRealTimers();
});
const start = (options: EmulatorOptions = {}) => startEmulator({ snapStart: true, ...options });

/** The emulator holds /restore/next unanswered (its call is recorded with no status and no end). */
const parked = (emulator: RuntimeApiEmulator) =>
  emulator.calls.filter((call) => call.path.endsWith('/restore/next')).map((call) => ({ status: call.status, ended: call.endedAt !== undefined }));

/** Parks on /restore/next, restores, and returns the runtime's answer. */
async function restoreNow(emulator: RuntimeApiEmulator) {
  const restoreNext = runtimeCall(emulator, 'GET', '/restore/next');
  await emulator.waitForRestoreNext();
  await emulator.restore();
  return restoreNext;
}

describe('GET /runtime/restore/next', () => {
  it('blocks until restore() and then answers 200 with an empty body and no Lambda-Runtime-* headers', async () => {
    const emulator = await start();
    const restoreNext = runtimeCall(emulator, 'GET', '/restore/next');
    await emulator.waitForRestoreNext();
    expect(emulator.state).toBe('RestoreReady');
    expect(parked(emulator)).toEqual([{ status: 0, ended: false }]);

    await emulator.restore();
    const answer = await restoreNext;
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('');
    expect(lambdaHeaderNames(answer.headers)).toEqual([]);
    expect(emulator.state).toBe('Restoring');
  });

  it('has no timeout of its own: it is still parked well after the restore deadline', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance'] });
    const emulator = await start({ restoreTimeoutMs: 50 });
    const restoreNext = runtimeCall(emulator, 'GET', '/restore/next');
    await emulator.waitForRestoreNext();
    vi.advanceTimersByTime(60 * 60_000); // an hour: every timer the emulator has fires
    expect(parked(emulator)).toEqual([{ status: 0, ended: false }]);
    expect(emulator.state).toBe('RestoreReady');
    await emulator.restore();
    expect((await restoreNext).status).toBe(200);
  });

  it('does not exist outside SnapStart (404), nor does /restore/error', async () => {
    const emulator = await start({ snapStart: false });
    expect((await runtimeCall(emulator, 'GET', '/restore/next')).status).toBe(404);
    expect((await postError(emulator, '/restore/error', 'Runtime.AfterRestoreError')).status).toBe(404);
    expect(emulator.env().AWS_LAMBDA_INITIALIZATION_TYPE).toBe('on-demand');
  });

  it('refuses a second call with 403 InvalidStateTransition', async () => {
    const emulator = await start();
    const first = runtimeCall(emulator, 'GET', '/restore/next');
    await emulator.waitForRestoreNext();
    const second = await runtimeCall(emulator, 'GET', '/restore/next');
    expect(second.status).toBe(403);
    const body = JSON.parse(second.text);
    expect(body.errorType).toBe('InvalidStateTransition');
    expect(typeof body.errorMessage).toBe('string');
    await emulator.restore();
    expect((await first).status).toBe(200);
    // Still refused after the restore.
    expect((await runtimeCall(emulator, 'GET', '/restore/next')).status).toBe(403);
  });

  it('refuses a call after /invocation/next with 403 InvalidStateTransition', async () => {
    const emulator = await start();
    const result = emulator.invoke({});
    const next = await runtimeCall(emulator, 'GET', '/invocation/next');
    const late = await runtimeCall(emulator, 'GET', '/restore/next');
    expect(late.status).toBe(403);
    expect(JSON.parse(late.text).errorType).toBe('InvalidStateTransition');
    await runtimeCall(emulator, 'POST', `/invocation/${next.headers.get('lambda-runtime-aws-request-id')}/response`, { body: '1' });
    expect((await result).ok).toBe(true);
  });

  it('refuses /invocation/next while the runtime is parked on /restore/next (403)', async () => {
    const emulator = await start();
    void runtimeCall(emulator, 'GET', '/restore/next').catch(() => undefined);
    await emulator.waitForRestoreNext();
    const next = await runtimeCall(emulator, 'GET', '/invocation/next');
    expect(next.status).toBe(403);
    expect(JSON.parse(next.text).errorType).toBe('InvalidStateTransition');
  });
});

describe('the "Allow" path', () => {
  it('accepts a runtime that calls /invocation/next without ever calling /restore/next', async () => {
    const emulator = await start();
    const result = emulator.invoke({ plain: true });
    const next = await runtimeCall(emulator, 'GET', '/invocation/next');
    expect(next.status).toBe(200);
    await runtimeCall(emulator, 'POST', `/invocation/${next.headers.get('lambda-runtime-aws-request-id')}/response`, { body: '"done"' });
    expect(await result).toMatchObject({ ok: true, payload: 'done' });
    expect(emulator.restoreError).toBeUndefined();
    await expect(emulator.waitForRestoreNext()).rejects.toThrow(/without calling \/restore\/next first/);
    await expect(emulator.restore()).rejects.toThrow(/nothing to restore/);
  });
});

describe('after the restore', () => {
  it('serves invokes once the runtime calls /invocation/next, ending the restore phase', async () => {
    const emulator = await start();
    await restoreNow(emulator);
    const result = emulator.invoke({ n: 1 });
    const next = await runtimeCall(emulator, 'GET', '/invocation/next');
    expect(JSON.parse(next.text)).toEqual({ n: 1 });
    await runtimeCall(emulator, 'POST', `/invocation/${next.headers.get('lambda-runtime-aws-request-id')}/response`, { body: '2' });
    expect((await result).payload).toBe(2);
    expect(emulator.restoreDurationMs).toBeGreaterThanOrEqual(0);
    expect(emulator.timings.firstInvocationNextAt).toBeGreaterThanOrEqual(emulator.timings.restoreAt ?? Infinity);
  });

  it('POST /restore/error answers 202, records the error, fails the pending invoke, and /invocation/next gets 403', async () => {
    const emulator = await start();
    await restoreNow(emulator);
    const pending = emulator.invoke({});
    const answer = await postError(emulator, '/restore/error', 'Runtime.AfterRestoreError', {
      errorMessage: 'reconnect failed',
      errorType: 'Error',
    });
    expect(answer.status).toBe(202);
    expect(emulator.state).toBe('RestoreError');
    expect(emulator.restoreError).toMatchObject({ errorType: 'Runtime.AfterRestoreError', errorMessage: 'reconnect failed' });
    const outcome = await pending;
    expect(outcome.ok).toBe(false);
    expect(outcome.error?.errorType).toBe('Runtime.AfterRestoreError');

    const next = await runtimeCall(emulator, 'GET', '/invocation/next');
    expect(next.status).toBe(403);
    expect(JSON.parse(next.text).errorType).toBe('InvalidStateTransition');
  });

  it('POST /restore/error before the restore is refused (403)', async () => {
    const emulator = await start();
    expect((await postError(emulator, '/restore/error', 'Runtime.AfterRestoreError')).status).toBe(403);
    expect(emulator.restoreError).toBeUndefined();
  });

  it('treats an init/error sent while restoring as a restore error', async () => {
    const emulator = await start();
    await restoreNow(emulator);
    const answer = await postError(emulator, '/init/error', 'Runtime.AfterRestoreError');
    expect(answer.status).toBe(202);
    expect(emulator.initError).toBeUndefined();
    expect(emulator.restoreError?.errorType).toBe('Runtime.AfterRestoreError');
    expect(emulator.state).toBe('RestoreError');
  });

  it('an init/error before the snapshot is an init error (e.g. a failing before-snapshot hook)', async () => {
    const emulator = await start();
    const answer = await postError(emulator, '/init/error', 'Runtime.BeforeSnapshotError');
    expect(answer.status).toBe(202);
    expect(emulator.initError?.errorType).toBe('Runtime.BeforeSnapshotError');
    expect(emulator.restoreError).toBeUndefined();
    await expect(emulator.waitForRestoreNext()).rejects.toThrow(/init failed \(Runtime.BeforeSnapshotError/);
  });
});

describe('the restore deadline', () => {
  it('records Runtime.RestoreHookUserTimeout and fails the pending invoke when /invocation/next comes too late', async () => {
    const emulator = await start({ restoreTimeoutMs: 100 });
    await restoreNow(emulator);
    const pending = emulator.invoke({});
    const outcome = await pending;
    expect(outcome.ok).toBe(false);
    expect(outcome.error?.errorType).toBe('Runtime.RestoreHookUserTimeout');
    expect(emulator.restoreError?.errorType).toBe('Runtime.RestoreHookUserTimeout');
    expect(emulator.state).toBe('RestoreError');

    // The runtime arriving late is refused, and the next invoke fails the same way.
    expect((await runtimeCall(emulator, 'GET', '/invocation/next')).status).toBe(403);
    expect((await emulator.invoke({})).error?.errorType).toBe('Runtime.RestoreHookUserTimeout');
  });

  it('is measured from restore() to the first /invocation/next, not to the invoke', async () => {
    // The emulator's clock and timers are faked; its HTTP stays real.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const emulator = await start({ restoreTimeoutMs: 300 });
    await restoreNow(emulator);
    const next = runtimeCall(emulator, 'GET', '/invocation/next');
    await emulator.waitForInvocationNext();
    // Well past the deadline, but the restore phase ended at /invocation/next.
    vi.advanceTimersByTime(1_000);
    expect(emulator.state).toBe('Ready');
    const result = emulator.invoke({});
    const answer = await next;
    await runtimeCall(emulator, 'POST', `/invocation/${answer.headers.get('lambda-runtime-aws-request-id')}/response`, { body: '1' });
    expect((await result).ok).toBe(true);
    expect(emulator.restoreError).toBeUndefined();
  });

  it('defaults to 10 s', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const emulator = await start();
    await restoreNow(emulator);
    vi.advanceTimersByTime(9_999);
    expect(emulator.state).toBe('Restoring');
    vi.advanceTimersByTime(1);
    expect(emulator.state).toBe('RestoreError');
    expect(emulator.restoreError).toMatchObject({ errorType: 'Runtime.RestoreHookUserTimeout' });
    expect(emulator.restoreError?.errorMessage).toContain('within 10000 ms of the restore');
  });
});

describe('connections across the snapshot', () => {
  it('flags requests made after the restore on a keep-alive socket opened before it', async () => {
    const emulator = await start();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const get = (path: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(`http://${emulator.address}/2018-06-01/runtime${path}`, { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end();
      });
    try {
      const restoreNext = get('/restore/next');
      await emulator.waitForRestoreNext();
      await emulator.restore();
      expect(await restoreNext).toBe(200);
      void get('/invocation/next').catch(() => undefined);
      await emulator.waitForInvocationNext();

      const [restoreCall, nextCall] = emulator.calls;
      expect(nextCall?.connection).toBe(restoreCall?.connection);
      expect(nextCall?.preSnapshotConnection).toBe(true);
      expect(restoreCall?.preSnapshotConnection).toBeUndefined();
    } finally {
      agent.destroy();
    }
  });

  it('does not flag a fresh connection', async () => {
    const emulator = await start();
    await restoreNow(emulator);
    const agent = new Agent({ keepAlive: false });
    void new Promise((resolve) => {
      request(`http://${emulator.address}/2018-06-01/runtime/invocation/next`, { agent }, resolve).on('error', resolve).end();
    });
    await emulator.waitForInvocationNext();
    expect(emulator.calls.at(-1)?.preSnapshotConnection).toBeUndefined();
    agent.destroy();
  });
});
