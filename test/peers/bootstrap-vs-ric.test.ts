// The bootstrap against the official aws-lambda-ric, side by side on the same fault-injection
// Runtime API: every fault scenario ends no worse for the bootstrap (same or better outcome), and
// log lines are compared byte for byte (timestamps masked). Runs on Node 20 (with the variables
// ric needs there) and Node 24 (`PATH=<node 24>/bin:$PATH npx vitest run --config
// vitest.peers.config.ts`); where ric's behaviour differs by version, the test says so.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/bundle.js';
import { jsonBody } from '../helpers/fault-api.js';
import {
  LOGGING,
  maskTimestamps,
  runScenario,
  SCENARIOS,
  SNAPSTART_SCENARIOS,
  STREAMING_HANDLERS,
  telemetryRecords,
  type FaultOutcome,
  type FaultScenario,
} from '../helpers/fault-scenarios.js';
import { bootstrapScript, requireBuild } from '../helpers/lifecycle.js';

const ric = join(repoRoot, 'test/peers/node_modules/aws-lambda-ric/index.mjs');

beforeAll(() => {
  requireBuild();
  if (!existsSync(ric)) throw new Error('aws-lambda-ric is not installed: run `npm run test:peers`');
});

const run = (scenario: FaultScenario, args: string[], options: Parameters<typeof runScenario>[2] = {}) => runScenario(scenario, () => args, { waitMs: 5_000, ...options });
const both = (scenario: FaultScenario, options: Parameters<typeof runScenario>[2] = {}) => Promise.all([run(scenario, [bootstrapScript], options), run(scenario, [ric], options)]);

/** How well a runtime came out of a fault: the invoke answered exactly once, the next one answered, no hang. */
function score(outcome: FaultOutcome) {
  return {
    answeredOnce: outcome.posts.length === 1,
    nextAnswered: outcome.nextAnswered,
    noHang: outcome.exit !== 'running' || outcome.nextAnswered,
  };
}

function expectNoWorse(ours: FaultOutcome, theirs: FaultOutcome): void {
  const [a, b] = [score(ours), score(theirs)];
  for (const key of Object.keys(a) as Array<keyof typeof a>) {
    if (b[key]) expect({ [key]: a[key] }).toEqual({ [key]: true });
  }
}

describe('faults: the bootstrap is no worse than aws-lambda-ric', () => {
  it('a 413 on /response: both go on to the next event, neither posts an error for the refused invoke', async () => {
    const [ours, theirs] = await both(SCENARIOS.responseTooLarge);
    expectNoWorse(ours, theirs);
    for (const outcome of [ours, theirs]) {
      expect(outcome.posts.map((post) => post.path)).toEqual(['/runtime/invocation/fault-invoke/response']);
      expect(outcome.nextAnswered).toBe(true);
    }
  });

  it('a 500 on /response: both go on (ric drops the status of its posts; the bootstrap logs it)', async () => {
    const [ours, theirs] = await both(SCENARIOS.response500);
    expectNoWorse(ours, theirs);
    expect(ours.stderr).toMatch(/answered 500/);
    expect(theirs.nextAnswered).toBe(true);
    expect(ours.nextAnswered).toBe(true);
  });

  it('a non-numeric Content-Length: both stop instead of waiting forever; the bootstrap names the header', async () => {
    const [ours, theirs] = await both(SCENARIOS.badContentLength);
    expectNoWorse(ours, theirs);
    expect(ours.exit).toBe(1);
    expect(ours.stderr).toContain('malformed Content-Length header: "twelve"');
    expect(theirs.exit).not.toBe('running');
  });

  for (const key of ['throwNullPrototype', 'throwToStringThrows', 'throwStackGetterThrows'] as const) {
    it(`${SCENARIOS[key].name}: the bootstrap posts an error and serves on`, async () => {
      const [ours, theirs] = await both(SCENARIOS[key]);
      expectNoWorse(ours, theirs);
      expect(ours.answer?.path).toBe('/runtime/invocation/fault-invoke/error');
      expect(ours.nextAnswered).toBe(true);
      // ric: its "Invoke Error" log line itself throws on the first two, and the process dies unanswered.
      if (key !== 'throwStackGetterThrows') expect(theirs.posts).toEqual([]);
    });
  }

  for (const [key, type] of [
    ['uncaughtException', 'Runtime.UncaughtException'],
    ['unhandledRejection', 'Runtime.UnhandledPromiseRejection'],
  ] as const) {
    it(`${SCENARIOS[key].name}: the bootstrap answers with ${type} before it exits; ric exits unanswered`, async () => {
      const [ours, theirs] = await both(SCENARIOS[key]);
      expectNoWorse(ours, theirs);
      expect(ours.answer?.headers['lambda-runtime-function-error-type']).toBe(type);
      expect(theirs.posts).toEqual([]);
      expect(theirs.exit).toBe(1);
    });
  }

  it("a handler error: the same errorType as ric in the body (the error's own name), and the X-Ray cause header both send", async () => {
    const [ours, theirs] = await both(SCENARIOS.ownErrorName);
    expectNoWorse(ours, theirs);
    expect(jsonBody(ours.answer!).errorType).toBe(jsonBody(theirs.answer!).errorType);
    expect(jsonBody(ours.answer!).errorMessage).toBe(jsonBody(theirs.answer!).errorMessage);
    const [a, b] = [ours, theirs].map((o) => JSON.parse(o.answer!.headers['lambda-runtime-function-xray-error-cause']));
    expect(a.exceptions[0].type).toBe(b.exceptions[0].type);
    const frame = (cause: any) => ({ ...cause.exceptions[0].stack[0], path: cause.exceptions[0].stack[0].path.replace(/.*\//, '') }); // each ran in its own temp dir
    expect(frame(a)).toEqual(frame(b));
    expect(a.working_directory).toBe(b.working_directory);
    // ric sends no Lambda-Runtime-Function-Error-Type on invocation errors; the bootstrap sends Lambda's Function.<Name>.
    expect(theirs.answer!.headers['lambda-runtime-function-error-type']).toBeUndefined();
    expect(ours.answer!.headers['lambda-runtime-function-error-type']).toBe('Function.ValidationError');
  });

  it('a malformed deadline header: ric aborts (SIGABRT in its native client); the bootstrap serves on', async () => {
    const [ours, theirs] = await both(SCENARIOS.malformedDeadline);
    expectNoWorse(ours, theirs);
    expect(theirs.exit).toBe('SIGABRT');
    expect(ours.nextAnswered).toBe(true);
  });

  it(`a callback-style handler: ric 4 refuses it at init (Runtime.CallbackHandlerDeprecated, on Node ${process.versions.node} too); the bootstrap serves it`, async () => {
    const [ours, theirs] = await both(SCENARIOS.callbackHandler);
    expectNoWorse(ours, theirs);
    expect(theirs.calls).toEqual(['POST /runtime/init/error']);
    expect(jsonBody(ours.answer!)).toEqual({ style: 'callback' });
  });
});

describe('snapStart() under aws-lambda-ric itself', () => {
  for (const key of ['commonJs', 'esmNotAwaited', 'insideHandler'] as const) {
    it(`${SNAPSTART_SCENARIOS[key].name}: refused with a message, no /restore/next, the invoke answered`, async () => {
      const outcome = await run(SNAPSTART_SCENARIOS[key], [ric]);
      expect(outcome.stderr).toMatch(/snapshot-restore: snapStart\(\) was (called from a CommonJS module|not awaited|called inside the handler)/);
      expect(outcome.calls).not.toContain('GET /runtime/restore/next');
      expect(outcome.stdout).not.toContain('HOOK');
      expect(jsonBody(outcome.answer!)).toEqual({ ok: true });
      expect(outcome.nextAnswered).toBe(true);
    });
  }

  it('await snapStart() at the end of an ES module runs the lifecycle before ric asks for an event', async () => {
    const outcome = await run(SNAPSTART_SCENARIOS.awaited, [ric]);
    expect(outcome.calls.slice(0, 2)).toEqual(['GET /runtime/restore/next', 'GET /runtime/invocation/next']);
    expect(outcome.stdout.match(/HOOK \w+/g)).toEqual(['HOOK before', 'HOOK after']);
  });
});

describe('log lines, byte for byte with ric (timestamps masked)', () => {
  for (const [label, env] of [
    ['text', {}],
    ['JSON', { AWS_LAMBDA_LOG_FORMAT: 'JSON' }],
    ['text at AWS_LAMBDA_LOG_LEVEL=WARN', { AWS_LAMBDA_LOG_LEVEL: 'WARN' }],
    ['JSON at AWS_LAMBDA_LOG_LEVEL=error', { AWS_LAMBDA_LOG_FORMAT: 'json', AWS_LAMBDA_LOG_LEVEL: 'error' }],
  ] as const) {
    it(`on stdout, ${label}`, async () => {
      const [ours, theirs] = await both(LOGGING, { env });
      expect(maskTimestamps(theirs.stdout)).not.toBe('');
      expect(maskTimestamps(ours.stdout)).toBe(maskTimestamps(theirs.stdout));
    });
  }

  for (const [label, env] of [
    ['text', {}],
    ['JSON', { AWS_LAMBDA_LOG_FORMAT: 'JSON' }],
  ] as const) {
    it(`on the telemetry descriptor (_LAMBDA_TELEMETRY_LOG_FD), ${label}: the same frames`, async () => {
      const [ours, theirs] = await both(LOGGING, { env: { ...env, _LAMBDA_TELEMETRY_LOG_FD: '3' }, telemetryFd: true });
      const frames = (outcome: FaultOutcome) => telemetryRecords(outcome.telemetry).map((record) => ({ type: record.type.toString(16), message: maskTimestamps(record.message) }));
      expect(frames(theirs).length).toBeGreaterThan(5);
      expect(frames(ours)).toEqual(frames(theirs));
      expect(ours.stdout).toBe('');
    });
  }
});

describe('response streaming, byte for byte with ric', () => {
  const streaming = (handler: keyof typeof STREAMING_HANDLERS): FaultScenario => ({ name: handler, handler: STREAMING_HANDLERS[handler] });
  const wire = (outcome: FaultOutcome) => {
    const post = outcome.answer!;
    const { 'lambda-runtime-function-response-mode': mode, 'content-type': type, 'transfer-encoding': encoding, trailer } = post.headers;
    return { path: post.path, mode, type, encoding, trailer, body: post.body.toString('base64'), errorBody: post.trailers['lambda-runtime-function-error-body'] };
  };

  for (const handler of ['chunks', 'httpResponse', 'failsMidway', 'returnsEarly', 'pipeline'] as const) {
    it(`${handler}: the same head, body bytes and error body`, async () => {
      const [ours, theirs] = await both(streaming(handler));
      expect(wire(theirs).mode).toBe('streaming');
      expect(wire(ours)).toEqual(wire(theirs));
      expect(ours.nextAnswered).toBe(true);
    });
  }

  it("failsMidway: the error type trailer is Lambda's Function.<Name> form (ric sends the bare name)", async () => {
    const [ours, theirs] = await both(streaming('failsMidway'));
    expect(theirs.answer!.trailers['lambda-runtime-function-error-type']).toBe('TypeError');
    expect(ours.answer!.trailers['lambda-runtime-function-error-type']).toBe('Function.TypeError');
  });

  it('HttpResponseStream.from(...).end() without a write: the bootstrap still sends the prelude', async () => {
    const [ours, theirs] = await both(streaming('httpEndOnly'));
    const prelude = Buffer.concat([Buffer.from('{"statusCode":204}'), Buffer.alloc(8)]);
    expect(ours.answer!.body).toEqual(prelude);
    expect(theirs.answer!.body.length).toBe(0); // ric adds the prelude only in write(), so end() alone loses it
  });
});
