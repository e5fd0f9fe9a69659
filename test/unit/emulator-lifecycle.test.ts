import { afterEach, describe, expect, it } from 'vitest';
import { postError, runtimeCall, emulatorsClosedAfterEach } from '../helpers/runtime-calls.js';
import { HANG_MS } from '../helpers/hang.js';

const start = emulatorsClosedAfterEach(afterEach);

describe('bounded waits', () => {
  it('waitForRestoreNext() rejects after its timeout, naming what it waited for', async () => {
    const emulator = await start({ snapStart: true });
    await expect(emulator.waitForRestoreNext({ timeoutMs: 50 })).rejects.toThrow(
      'waitForRestoreNext(): timed out after 50 ms waiting for the runtime to call GET /2018-06-01/runtime/restore/next (state: Started)',
    );
  });

  it('waitForInvocationNext() rejects after its timeout', async () => {
    const emulator = await start({ waitTimeoutMs: 50 });
    await expect(emulator.waitForInvocationNext()).rejects.toThrow(
      /waitForInvocationNext\(\): timed out after 50 ms waiting for the runtime to call GET \/2018-06-01\/runtime\/invocation\/next/,
    );
  });

  it('restore() waits for the runtime to park, and rejects when it never does', async () => {
    const emulator = await start({ snapStart: true });
    await expect(emulator.restore({ timeoutMs: 50 })).rejects.toThrow(
      /restore\(\): timed out after 50 ms waiting for the runtime to call GET \/2018-06-01\/runtime\/restore\/next/,
    );

    const restoring = emulator.restore();
    const answer = await runtimeCall(emulator, 'GET', '/restore/next');
    await restoring;
    expect(answer.status).toBe(200);
  });

  it('restore() twice is an error', async () => {
    const emulator = await start({ snapStart: true });
    void runtimeCall(emulator, 'GET', '/restore/next');
    await emulator.restore();
    await expect(emulator.restore()).rejects.toThrow(/already called/);
  });

  it('restore() and waitForRestoreNext() need snapStart', async () => {
    const emulator = await start();
    await expect(emulator.restore()).rejects.toThrow(/snapStart: true/);
    await expect(emulator.waitForRestoreNext()).rejects.toThrow(/snapStart: true/);
  });

  it('an invoke nobody picks up rejects after its timeout', async () => {
    const emulator = await start();
    await expect(emulator.invoke({}, { timeoutMs: 50 })).rejects.toThrow(
      'invoke(): timed out after 50 ms waiting for the runtime to call GET /2018-06-01/runtime/invocation/next (state: Started)',
    );
    // It left the queue: the runtime will not get it later.
    const next = runtimeCall(emulator, 'GET', '/invocation/next');
    await emulator.waitForInvocationNext();
    expect(emulator.state).toBe('Ready');
    await emulator.close();
    await expect(next).rejects.toThrow();
  });

  it('waits end at once when the environment fails', async () => {
    const emulator = await start({ snapStart: true });
    // Ended by the failure, not by its bound (which would say "timed out"): the bound is one no test reaches.
    const waiting = expect(emulator.waitForRestoreNext({ timeoutMs: HANG_MS })).rejects.toThrow('waitForRestoreNext(): init failed (Runtime.ImportModuleError: missing)');
    await postError(emulator, '/init/error', 'Runtime.ImportModuleError', { errorMessage: 'missing', errorType: 'x' });
    await waiting;
  });

  it('notifyRuntimeExit() fails pending invokes with Runtime.ExitError and ends waits', async () => {
    const emulator = await start({ snapStart: true });
    const waiting = emulator.waitForRestoreNext();
    const invoke = emulator.invoke({});
    emulator.notifyRuntimeExit({ code: 2, signal: null });
    await expect(waiting).rejects.toThrow(/the runtime exited \(code 2/);
    const outcome = await invoke;
    expect(outcome.error).toMatchObject({ errorType: 'Runtime.ExitError', errorMessage: 'Runtime exited with error: exit status 2' });
    expect(emulator.state).toBe('Exited');
    expect(emulator.exit).toEqual({ code: 2, signal: null });
  });
});

describe('close()', () => {
  it('ends parked long polls, rejects pending invokes and waits, and can be called twice', async () => {
    const emulator = await start({ snapStart: true });
    const restoreNext = runtimeCall(emulator, 'GET', '/restore/next');
    await emulator.waitForRestoreNext();
    const invoke = emulator.invoke({});
    const waiting = emulator.waitForInvocationNext();

    await Promise.all([emulator.close(), emulator.close()]);
    await expect(restoreNext).rejects.toThrow();
    await expect(invoke).rejects.toThrow('the emulator was closed before the invoke finished');
    await expect(waiting).rejects.toThrow('waitForInvocationNext(): the emulator was closed');
    expect(emulator.state).toBe('Closed');
    await expect(emulator.invoke({})).rejects.toThrow('invoke(): the emulator is closed');
  });

  it('ends a parked /invocation/next', async () => {
    const emulator = await start();
    const next = runtimeCall(emulator, 'GET', '/invocation/next');
    await emulator.waitForInvocationNext();
    await emulator.close();
    await expect(next).rejects.toThrow();
  });

  it('stops listening', async () => {
    const emulator = await start();
    const address = emulator.address;
    await emulator.close();
    await expect(fetch(`http://${address}/2018-06-01/runtime/invocation/next`)).rejects.toThrow();
  });
});

describe('calls', () => {
  it('logs every request in arrival order with method, path, status, time and error type', async () => {
    const emulator = await start({ snapStart: true });
    const restoreNext = runtimeCall(emulator, 'GET', '/restore/next');
    await emulator.waitForRestoreNext();
    expect(emulator.calls).toEqual([expect.objectContaining({ method: 'GET', path: '/2018-06-01/runtime/restore/next', status: 0 })]);
    await runtimeCall(emulator, 'GET', '/restore/next'); // refused: twice
    await emulator.restore();
    await restoreNext;
    const result = emulator.invoke({});
    const next = await runtimeCall(emulator, 'GET', '/invocation/next');
    const id = next.headers.get('lambda-runtime-aws-request-id');
    await postError(emulator, `/invocation/${id}/error`, 'Function.Oops');
    await result;
    await runtimeCall(emulator, 'GET', '/nowhere');

    expect(emulator.calls.map(({ method, path, status, errorType }) => ({ method, path, status, errorType }))).toEqual([
      { method: 'GET', path: '/2018-06-01/runtime/restore/next', status: 200, errorType: undefined },
      { method: 'GET', path: '/2018-06-01/runtime/restore/next', status: 403, errorType: 'InvalidStateTransition' },
      { method: 'GET', path: '/2018-06-01/runtime/invocation/next', status: 200, errorType: undefined },
      { method: 'POST', path: `/2018-06-01/runtime/invocation/${id}/error`, status: 202, errorType: 'Function.Oops' },
      { method: 'GET', path: '/2018-06-01/runtime/nowhere', status: 404, errorType: 'NotFound' },
    ]);
    const times = emulator.calls.map((call) => call.at);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(emulator.calls[0]?.endedAt).toBeGreaterThanOrEqual(emulator.timings.restoreAt ?? Infinity);
  });

  it('walks through the states a SnapStart runtime goes through', async () => {
    const emulator = await start({ snapStart: true });
    const seen = [emulator.state];
    const restoreNext = runtimeCall(emulator, 'GET', '/restore/next');
    await emulator.waitForRestoreNext();
    seen.push(emulator.state);
    await emulator.restore();
    await restoreNext;
    seen.push(emulator.state);
    const next = runtimeCall(emulator, 'GET', '/invocation/next');
    await emulator.waitForInvocationNext();
    seen.push(emulator.state);
    const result = emulator.invoke({});
    const id = (await next).headers.get('lambda-runtime-aws-request-id');
    seen.push(emulator.state);
    await runtimeCall(emulator, 'POST', `/invocation/${id}/response`, { body: '1' });
    await result;
    seen.push(emulator.state);
    expect(seen).toEqual(['Started', 'RestoreReady', 'Restoring', 'Ready', 'Running', 'ResponseSent']);
  });
});
