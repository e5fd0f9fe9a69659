// The bootstrap against the fault-injection Runtime API (raw sockets, every byte chosen): each
// fault Lambda or user code can produce, which endpoint got what, and whether the next invoke is
// answered. The same scenarios run against aws-lambda-ric in test/peers (npm run test:peers).
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonBody } from '../helpers/fault-api.js';
import { runScenario, SCENARIOS } from '../helpers/fault-scenarios.js';
import { bootstrapScript, requireBuild } from '../helpers/lifecycle.js';

beforeAll(requireBuild);
const bootstrap = () => [bootstrapScript];

describe('bootstrap under Runtime API faults', () => {
  it('goes straight on to the next event after a 413 on /response (Lambda has failed the invoke already)', async () => {
    const outcome = await runScenario(SCENARIOS.responseTooLarge, bootstrap);
    expect(outcome.posts.map((post) => post.path)).toEqual(['/runtime/invocation/fault-invoke/response']);
    expect(outcome.nextAnswered).toBe(true);
    expect(outcome.calls.slice(0, 4)).toEqual([
      'GET /runtime/invocation/next',
      'POST /runtime/invocation/ID/response',
      'GET /runtime/invocation/next',
      'POST /runtime/invocation/ID/response',
    ]);
    expect(outcome.calls).not.toContain('POST /runtime/invocation/ID/error');
    expect(outcome.stderr).toContain('was not taken: Lambda has failed the invoke already (too large)');
  });

  it('logs a 500 on /response, naming it, and goes on to the next event (aws-lambda-ric goes on: the bootstrap never stops where ric does not)', async () => {
    const outcome = await runScenario(SCENARIOS.response500, bootstrap);
    expect(outcome.answer?.path).toBe('/runtime/invocation/fault-invoke/response');
    expect(outcome.exit).toBe('running');
    expect(outcome.nextAnswered).toBe(true);
    expect(outcome.stderr).toMatch(/was not taken: the Runtime API answered 500/);
  });

  it('fails clearly, instead of waiting forever, on a non-numeric Content-Length', async () => {
    const outcome = await runScenario(SCENARIOS.badContentLength, bootstrap);
    expect(outcome.exit).toBe(1);
    expect(outcome.stderr).toContain('GET /runtime/invocation/next failed: the Runtime API answered 200 with a malformed Content-Length header: "twelve"');
    // It exited (not 'running' when the scenario's wait ran out): it did not wait forever.
  });

  for (const [key, errorType, message] of [
    ['throwNullPrototype', 'object', '[object Object]'],
    ['throwToStringThrows', 'object', '[object Object]'],
    ['throwStackGetterThrows', 'Error', 'hidden'],
  ] as const) {
    it(`posts an error for ${SCENARIOS[key].name} and answers the next invoke`, async () => {
      const outcome = await runScenario(SCENARIOS[key], bootstrap);
      expect(outcome.answer?.path).toBe('/runtime/invocation/fault-invoke/error');
      expect(jsonBody(outcome.answer!)).toMatchObject({ errorType, errorMessage: message });
      expect(outcome.nextAnswered).toBe(true);
    });
  }

  for (const [key, type, message] of [
    ['uncaughtException', 'Runtime.UncaughtException', 'thrown from a timer'],
    ['unhandledRejection', 'Runtime.UnhandledPromiseRejection', 'nobody waits for me'],
  ] as const) {
    it(`answers the invoke in flight with ${type}, then exits, on ${SCENARIOS[key].name}`, async () => {
      const outcome = await runScenario(SCENARIOS[key], bootstrap);
      expect(outcome.answer?.path).toBe('/runtime/invocation/fault-invoke/error');
      expect(outcome.answer?.headers['lambda-runtime-function-error-type']).toBe(type);
      expect(jsonBody(outcome.answer!)).toMatchObject({ errorType: type, errorMessage: message });
      expect(outcome.exit).toBe(1);
    });
  }

  it("puts the error's own name in the body (as the official client does) and Function.<Name> in the header, with the X-Ray cause", async () => {
    const outcome = await runScenario(SCENARIOS.ownErrorName, bootstrap);
    const body = jsonBody(outcome.answer!);
    expect(body).toMatchObject({ errorType: 'ValidationError', errorMessage: 'order id missing' });
    expect(body.trace[0]).toBe('ValidationError: order id missing');
    expect(outcome.answer?.headers['lambda-runtime-function-error-type']).toBe('Function.ValidationError');
    const cause = JSON.parse(outcome.answer!.headers['lambda-runtime-function-xray-error-cause']);
    expect(cause.exceptions[0]).toMatchObject({ type: 'ValidationError', message: 'order id missing' });
    expect(cause.exceptions[0].stack[0]).toMatchObject({ path: expect.stringMatching(/index\.js$/), line: 2 });
    expect(cause.paths).toContain(cause.exceptions[0].stack[0].path);
    expect(outcome.nextAnswered).toBe(true);
  });

  it('keeps serving when the deadline header is malformed (the official client aborts)', async () => {
    const outcome = await runScenario(SCENARIOS.malformedDeadline, bootstrap);
    expect(jsonBody(outcome.answer!)).toEqual({ remaining: 0 });
    expect(outcome.nextAnswered).toBe(true);
  });

  it('serves callback-style handlers (the official client refuses them on Node 24)', async () => {
    const outcome = await runScenario(SCENARIOS.callbackHandler, bootstrap);
    expect(jsonBody(outcome.answer!)).toEqual({ style: 'callback' });
    expect(outcome.nextAnswered).toBe(true);
  });
});
