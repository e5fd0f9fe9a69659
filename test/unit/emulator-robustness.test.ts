// The Runtime API emulator under bad input: a request target no URL parser takes, an event over
// Lambda's 6 MB limit, and a runtime that makes very many calls.
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runtimeCall, emulatorsClosedAfterEach } from '../helpers/runtime-calls.js';

const start = emulatorsClosedAfterEach(afterEach);

/** Sends raw bytes to the emulator and resolves with the whole answer. */
function raw(address: string, text: string): Promise<string> {
  const [host, port] = address.split(':');
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), host, () => socket.end(text));
    let answer = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('the Runtime API emulator under bad input', () => {
  it('answers 400 to a request target that is not a URL, and keeps serving', async () => {
    const emulator = await start({ snapStart: true });
    const address = emulator.env().AWS_LAMBDA_RUNTIME_API;
    const answer = await raw(address, 'GET http://a:b:c/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('"errorType":"InvalidRequest"');
    // Still alive: the runtime's next call is served.
    const invoke = emulator.invoke({ after: 'bad request' });
    const next = await runtimeCall(emulator, 'GET', '/invocation/next');
    expect(next.status).toBe(200);
    expect(next.text).toBe('{"after":"bad request"}');
    const requestId = next.headers.get('lambda-runtime-aws-request-id');
    await runtimeCall(emulator, 'POST', `/invocation/${requestId}/response`, { body: '"ok"' });
    expect((await invoke).payload).toBe('ok');
  });

  it("refuses an event over 6 MB as Lambda's Invoke API does: the runtime never sees it", async () => {
    const emulator = await start();
    const result = await emulator.invoke({ data: 'x'.repeat(6 * 1024 * 1024) });
    expect(result.ok).toBe(false);
    expect(result.durationMs).toBe(0);
    expect(result.error).toMatchObject({
      errorType: 'RequestEntityTooLargeException',
      errorMessage: 'Request must be smaller than 6291456 bytes for the InvokeFunction operation',
    });
    // An event just under the limit goes through.
    const fits = emulator.invoke('x'.repeat(6 * 1024 * 1024 - 10));
    const next = await runtimeCall(emulator, 'GET', '/invocation/next');
    expect(next.text.length).toBe(6 * 1024 * 1024 - 8);
    await runtimeCall(emulator, 'POST', `/invocation/${next.headers.get('lambda-runtime-aws-request-id')}/response`, { body: '1' });
    expect((await fits).ok).toBe(true);
  });

  it('keeps only the latest calls in its log, and counts those dropped', async () => {
    const emulator = await start({ maxCalls: 5 });
    for (let index = 0; index < 8; index++) await runtimeCall(emulator, 'GET', `/no-such-route-${index}`);
    expect(emulator.calls).toHaveLength(5);
    expect(emulator.droppedCalls).toBe(3);
    expect(emulator.calls.map((call) => call.path)).toEqual([3, 4, 5, 6, 7].map((index) => `/2018-06-01/runtime/no-such-route-${index}`));
  });
});
