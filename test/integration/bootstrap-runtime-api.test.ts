// The bootstrap against the fault-injection Runtime API, one rule of docs/bootstrap.md per test:
// the Runtime API contract (invocation id echo, 410, recoverable 4xx, an invoke on /restore/next,
// User-Agent), connection events (interim 1xx, chunked answers with trailers, a reused keep-alive
// connection closed by the server), results JSON cannot write, the X-Ray cause size limit,
// handlers that never settle, the app's own process listeners, and the runtime's own log lines.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RUNTIME_VERSION } from '../../runtime/runtime-api/user-agent.js';
import { repoRoot, tempDir } from '../helpers/bundle.js';
import { FaultApi, jsonBody, rawAnswer, startRuntime, type RawRequest } from '../helpers/fault-api.js';
import { indexEsm, lambdaEsm, runScenario, type FaultScenario } from '../helpers/fault-scenarios.js';
import { bootstrapScript, requireBuild, writeFile } from '../helpers/lifecycle.js';

beforeAll(requireBuild);
const bootstrap = () => [bootstrapScript];
const run = (scenario: FaultScenario, options: Parameters<typeof runScenario>[2] = {}) => runScenario(scenario, bootstrap, options);
const echo = 'exports.handler = async (event) => ({ echo: event });';
const isPost = (request: RawRequest) => request.method === 'POST';
const forFault = (request: RawRequest) => request.path.startsWith('/runtime/invocation/fault-invoke/');

describe('the Runtime API contract', () => {
  for (const [label, handler, endpoint] of [
    ['a result', echo, 'response'],
    ['an error', 'exports.handler = async () => { throw new TypeError("no"); };', 'error'],
    ['a streamed result', 'exports.handler = awslambda.streamifyResponse(async (event, stream) => { stream.end("streamed"); });', 'response'],
  ] as const) {
    it(`echoes Lambda-Runtime-Invocation-Id on ${label} (/${endpoint})`, async () => {
      const outcome = await run({ name: label, handler, headers: { 'Lambda-Runtime-Invocation-Id': 'inv-7f3a' } });
      expect(outcome.answer?.path).toBe(`/runtime/invocation/fault-invoke/${endpoint}`);
      expect(outcome.answer?.headers['lambda-runtime-invocation-id']).toBe('inv-7f3a');
      expect(outcome.nextAnswered).toBe(true);
    });
  }

  it('sends no Lambda-Runtime-Invocation-Id when Lambda sent none', async () => {
    const outcome = await run({ name: 'no id', handler: echo });
    expect(outcome.answer?.headers['lambda-runtime-invocation-id']).toBeUndefined();
  });

  for (const status of [400, 403, 404, 410, 413, 429, 500, 502]) {
    for (const endpoint of ['response', 'error'] as const) {
      it(`a ${status} on /${endpoint}: logged, and the next event is taken`, async () => {
        const handler = endpoint === 'response' ? echo : 'exports.handler = async (e) => { if (e.fault) throw new Error("x"); return "next"; };';
        const outcome = await run({
          name: `${status}`,
          handler,
          respond: (request) => (isPost(request) && forFault(request) ? rawAnswer(status, { 'Content-Type': 'application/json' }, '{"errorType":"X"}') : undefined),
        });
        expect(outcome.posts).toHaveLength(1);
        expect(outcome.nextAnswered).toBe(true);
        expect(outcome.stderr).toContain(status === 410 ? 'the invoke is gone (it timed out)' : `was not taken`);
      });
    }
  }

  it('serves the invoke that RAPID sends as the answer to /restore/next (init re-run inside an invoke)', async () => {
    const taskRoot = tempDir('sr-restore-invoke-');
    writeFile(taskRoot, 'index.js', echo);
    const api = await FaultApi.start({ snapStart: true });
    const runtime = startRuntime(api, [bootstrapScript], { _HANDLER: 'index.handler', LAMBDA_TASK_ROOT: taskRoot });
    try {
      await api.waitFor((request) => request.path === '/runtime/restore/next', '/restore/next');
      const answer = await api.restoreWithInvoke({ during: 'restore' }, 'restore-invoke', { 'Lambda-Runtime-Invocation-Id': 'inv-r' });
      expect(answer.path).toBe('/runtime/invocation/restore-invoke/response');
      expect(jsonBody(answer)).toEqual({ echo: { during: 'restore' } });
      expect(answer.headers['lambda-runtime-invocation-id']).toBe('inv-r');
      expect(jsonBody(await api.invoke({ after: true }))).toEqual({ echo: { after: true } });
    } finally {
      await runtime.stop();
      await api.close();
    }
  });

  it('sends a User-Agent on every request, product/version as the official clients do', async () => {
    const outcome = await run({ name: 'ua', handler: echo });
    const sent = JSON.parse(readFileSync(join(repoRoot, 'runtime/package.json'), 'utf8')).version;
    expect(RUNTIME_VERSION).toBe(sent);
    expect(outcome.answer?.headers['user-agent']).toBe(`snapshot-restore/${sent} node/${process.version}`);
  });
});

/** A Content-Length answer re-framed as chunked, with a chunk extension and trailers. */
function chunked(answer: string): string {
  const split = answer.indexOf('\r\n\r\n');
  const head = answer.slice(0, split).replace(/\r\nContent-Length: \d+/i, '');
  const body = Buffer.from(answer.slice(split + 4));
  const half = Math.ceil(body.length / 2);
  const parts = [body.subarray(0, half), body.subarray(half)].filter((part) => part.length > 0);
  return `${head}\r\nTransfer-Encoding: chunked\r\nTrailer: X-Checksum\r\n\r\n${parts.map((part, i) => `${part.length.toString(16)}${i === 0 ? ';ext=1' : ''}\r\n${part.toString('latin1')}\r\n`).join('')}0\r\nX-Checksum: abc\r\n\r\n`;
}

describe('connection events', () => {
  it('skips interim 1xx answers before the real one, on every endpoint', async () => {
    const outcome = await run({ name: '1xx', handler: echo, transform: (answer) => `HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\n${answer}` });
    expect(jsonBody(outcome.answer!)).toEqual({ echo: { fault: true } });
    expect(outcome.nextAnswered).toBe(true);
  });

  it('reads chunked answers with extensions and trailers, and keeps the connection in step', async () => {
    const outcome = await run({ name: 'chunked', handler: echo, transform: chunked });
    expect(jsonBody(outcome.answer!)).toEqual({ echo: { fault: true } });
    expect(outcome.nextAnswered).toBe(true);
    expect(outcome.exit).toBe('running');
  });

  it('reads answers split in pieces with pauses between them', async () => {
    const outcome = await run({
      name: 'pieces',
      handler: echo,
      transform: (answer) => ({ pieces: [answer.slice(0, 7), { pause: 5 }, answer.slice(7, 40), { pause: 5 }, answer.slice(40)] }),
    });
    expect(jsonBody(outcome.answer!)).toEqual({ echo: { fault: true } });
    expect(outcome.nextAnswered).toBe(true);
  });

  it('sends a request again on a fresh connection when the server closed the reused keep-alive one before answering', async () => {
    let nexts = 0;
    const outcome = await run({
      name: 'closed keep-alive',
      handler: echo,
      // The second /next goes on the connection that carried the first invoke and its answer.
      respond: (request) => (request.path === '/runtime/invocation/next' && ++nexts === 2 ? 'close' : undefined),
    });
    expect(outcome.nextAnswered).toBe(true);
    expect(outcome.calls.filter((call) => call === 'GET /runtime/invocation/next').length).toBeGreaterThanOrEqual(3);
  });

  it('a post whose connection is closed before any answer is retried once, then the loop goes on', async () => {
    let posts = 0;
    const outcome = await run({ name: 'closed post', handler: echo, respond: (request) => (isPost(request) && ++posts === 1 ? 'close' : undefined) });
    expect(outcome.posts.length).toBe(2);
    expect(outcome.nextAnswered).toBe(true);
  });
});

describe('results and errors', () => {
  for (const [label, value] of [
    ['a BigInt', '10n'],
    ['a cycle', '(() => { const o = {}; o.self = o; return o; })()'],
    ['a function', '() => 1'],
    ['a symbol', 'Symbol("s")'],
    ['a throwing toJSON', '({ toJSON() { throw new Error("no json"); } })'],
  ]) {
    it(`${label} as the result: ric's Runtime.JSONStringifyError, never an empty body`, async () => {
      const outcome = await run({ name: label, handler: `exports.handler = async (e) => e.fault ? ${value} : "next";` });
      expect(outcome.answer?.path).toBe('/runtime/invocation/fault-invoke/error');
      expect(jsonBody(outcome.answer!)).toMatchObject({ errorType: 'Runtime.JSONStringifyError', errorMessage: 'Unable to stringify response body' });
      expect(outcome.answer?.headers['lambda-runtime-function-error-type']).toBe('Runtime.JSONStringifyError');
      expect(outcome.nextAnswered).toBe(true);
    });
  }

  it('drops the X-Ray cause header above 1 MiB (as AWS Java client does), so RAPID never answers 431; the body keeps the message', async () => {
    const outcome = await run({
      name: 'huge message',
      handler: 'exports.handler = async (e) => { if (e.fault) throw new Error("x".repeat(1100 * 1024)); return "next"; };',
      // RAPID's limit on a request head: a head this big would be refused.
      respond: (request) => (request.head.length > 1024 * 1024 ? rawAnswer(431, {}, '') : undefined),
    });
    expect(outcome.answer?.headers['lambda-runtime-function-xray-error-cause']).toBeUndefined();
    expect(jsonBody(outcome.answer!).errorMessage).toHaveLength(1100 * 1024);
    expect(outcome.nextAnswered).toBe(true);
  });

  it('posts the error again without the X-Ray cause when Lambda answers 431 (its limit counts every header)', async () => {
    const outcome = await run({
      name: '431',
      handler: 'exports.handler = async (e) => { if (e.fault) throw new Error("y".repeat(200 * 1024)); return "next"; };',
      respond: (request) => (request.headers['lambda-runtime-function-xray-error-cause'] ? rawAnswer(431, {}, '') : undefined),
    });
    expect(outcome.posts.map((post) => Boolean(post.headers['lambda-runtime-function-xray-error-cause']))).toEqual([true, false]);
    expect(jsonBody(outcome.posts[1]).errorMessage).toHaveLength(200 * 1024);
    expect(outcome.nextAnswered).toBe(true);
  });

  it('keeps the X-Ray cause header below 1 MiB', async () => {
    const outcome = await run({ name: 'small message', handler: 'exports.handler = async (e) => { if (e.fault) throw new Error("x".repeat(1000)); return "next"; };' });
    expect(JSON.parse(outcome.answer!.headers['lambda-runtime-function-xray-error-cause']).exceptions[0].message).toHaveLength(1000);
  });
});

describe('handlers that never settle, when nothing is left to run', () => {
  it('a callback handler that never calls back is answered with null (Lambda before ric 4)', async () => {
    const outcome = await run({ name: 'no callback', handler: 'exports.handler = (event, context, callback) => { if (!event.fault) callback(null, "next"); };' });
    expect(outcome.answer?.path).toBe('/runtime/invocation/fault-invoke/response');
    expect(outcome.answer?.body.toString()).toBe('null');
    expect(outcome.nextAnswered).toBe(true);
  });

  it('an async handler whose promise never settles gets Runtime.UnsettledPromise (ric 4 exits unanswered)', async () => {
    const outcome = await run({ name: 'unsettled', handler: 'exports.handler = async (event) => event.fault ? new Promise(() => {}) : "next";' });
    expect(jsonBody(outcome.answer!)).toMatchObject({ errorType: 'Runtime.UnsettledPromise' });
    expect(outcome.nextAnswered).toBe(true);
  });

  it('a callback handler that calls back after a timer is answered with its value, not null', async () => {
    const outcome = await run({ name: 'late callback', handler: 'exports.handler = (event, context, callback) => { setTimeout(() => callback(null, { late: true }), 30); };' });
    expect(jsonBody(outcome.answer!)).toEqual({ late: true });
  });
});

describe('an uncaught exception during a streamed response', () => {
  it('ends the open stream with the error trailers (no second post), then exits 1', async () => {
    const outcome = await run({
      name: 'uncaught while streaming',
      handler: `exports.handler = awslambda.streamifyResponse(async (event, stream) => {
  stream.write('partial');
  setTimeout(() => { throw new TypeError('thrown from a timer'); }, 5);
  await new Promise(() => {});
});`,
    });
    expect(outcome.posts.map((post) => post.path)).toEqual(['/runtime/invocation/fault-invoke/response']);
    expect(outcome.answer?.body.toString()).toBe('partial');
    expect(outcome.answer?.trailers['lambda-runtime-function-error-type']).toBe('Runtime.UncaughtException');
    expect(JSON.parse(Buffer.from(outcome.answer!.trailers['lambda-runtime-function-error-body'], 'base64').toString())).toMatchObject({ errorMessage: 'thrown from a timer' });
    expect(outcome.exit).toBe(1);
  });
});

describe("the app's own process listeners win (aws-lambda-ric 4 installs none)", () => {
  it("an uncaught exception goes to the app's listener; the invoke is answered and the process serves on", async () => {
    const outcome = await run({
      name: 'app listener',
      handler: `process.on('uncaughtException', (error, origin) => console.log('APP CAUGHT', origin, error.message));
exports.handler = async (event) => { if (event.fault) setTimeout(() => { throw new Error('from a timer'); }, 1); await new Promise((r) => setTimeout(r, 20)); return 'done'; };`,
    });
    expect(outcome.answer?.body.toString()).toBe('"done"');
    expect(outcome.stdout).toContain('APP CAUGHT uncaughtException from a timer');
    expect(outcome.nextAnswered).toBe(true);
    expect(outcome.exit).toBe('running');
  });

  it("an unhandled rejection goes to the app's 'unhandledRejection' listener", async () => {
    const outcome = await run({
      name: 'app rejection listener',
      handler: `process.on('unhandledRejection', (reason) => console.log('APP REJECTION', reason.message));
exports.handler = async (event) => { if (event.fault) Promise.reject(new Error('nobody waits')); await new Promise((r) => setTimeout(r, 20)); return 'done'; };`,
    });
    expect(outcome.answer?.body.toString()).toBe('"done"');
    expect(outcome.stdout).toContain('APP REJECTION nobody waits');
    expect(outcome.nextAnswered).toBe(true);
  });

  it("an unhandled rejection reaches the app's 'uncaughtException' listener, with origin unhandledRejection, as Node.js sends it", async () => {
    const outcome = await run({
      name: 'app exception listener, rejection',
      handler: `process.on('uncaughtException', (error, origin) => console.log('APP CAUGHT', origin, error.message));
exports.handler = async (event) => { if (event.fault) Promise.reject(new Error('nobody waits')); await new Promise((r) => setTimeout(r, 20)); return 'done'; };`,
    });
    expect(outcome.stdout).toContain('APP CAUGHT unhandledRejection nobody waits');
    expect(outcome.nextAnswered).toBe(true);
  });
});

describe('signals and code options', () => {
  it('SIGTERM while waiting for an event: no listener of its own, so Node.js ends the process by the signal (as under ric)', async () => {
    const taskRoot = tempDir('sr-signal-');
    writeFile(taskRoot, 'index.js', echo);
    const api = await FaultApi.start();
    const runtime = startRuntime(api, [bootstrapScript], { _HANDLER: 'index.handler', LAMBDA_TASK_ROOT: taskRoot });
    try {
      await api.waitFor((request) => request.path === '/runtime/invocation/next', '/next');
      runtime.child.kill('SIGTERM');
      expect(await runtime.exited).toBe('SIGTERM');
    } finally {
      await runtime.stop();
      await api.close();
    }
  });

  for (const [label, options] of [
    ['of the wrong type', "{ afterRestoreTimeoutMs: '9s' }"],
    ['out of a timer range', `{ beforeSnapshotTimeoutMs: ${2 ** 31} }`],
  ]) {
    it(`a startRuntime() option ${label}: one line, Runtime.InvalidConfiguration, exit 2`, async () => {
      const taskRoot = tempDir('sr-start-options-');
      writeFile(taskRoot, 'index.js', echo);
      const script = writeFile(taskRoot, 'start.cjs', `require(${JSON.stringify(bootstrapScript)}).startRuntime(${options});`);
      const api = await FaultApi.start();
      const runtime = startRuntime(api, [script], { _HANDLER: 'index.handler', LAMBDA_TASK_ROOT: taskRoot });
      try {
        expect(await runtime.exited).toBe(2);
        expect(runtime.stderr()).toMatch(/^snapshot-restore: startRuntime\(\): \w+ must be a whole number of milliseconds from 1 to 2147483647, but is [^\n]+\n$/);
        expect(api.requests.find((request) => request.path === '/runtime/init/error')?.headers['lambda-runtime-function-error-type']).toBe('Runtime.InvalidConfiguration');
      } finally {
        await runtime.stop();
        await api.close();
      }
    });
  }
});

describe("the runtime's own log lines", () => {
  it('with AWS_LAMBDA_LOG_FORMAT=JSON, its notices are JSON lines on stdout, nothing raw on stderr', async () => {
    const outcome = await run(
      { name: '410 json', handler: echo, respond: (request) => (isPost(request) && forFault(request) ? rawAnswer(410, {}, '') : undefined) },
      { env: { AWS_LAMBDA_LOG_FORMAT: 'JSON' } },
    );
    expect(outcome.stderr).toBe('');
    const records = outcome.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(records).toContainEqual(expect.objectContaining({ level: 'ERROR', message: expect.stringContaining('the invoke is gone') }));
  });
});

describe("the runtime's own failure reports under AWS_LAMBDA_LOG_FORMAT=JSON", () => {
  it('a failing hook is reported as a JSON record, not raw multi-line stderr', async () => {
    const outcome = await run(
      {
        name: 'hook fails, JSON',
        esm: true,
        snapStart: true,
        handler: `import { registerBeforeSnapshot } from ${indexEsm};\nregisterBeforeSnapshot(function flush() { throw new Error('metrics endpoint down'); });\nexport const handler = async () => 'ok';\n`,
      },
      { env: { AWS_LAMBDA_LOG_FORMAT: 'JSON' } },
    );
    expect(outcome.exit).toBe(64);
    expect(outcome.stderr).not.toContain('snapshot-restore:');
    const records = outcome.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(records).toContainEqual(
      expect.objectContaining({ level: 'ERROR', message: expect.stringMatching(/^snapshot-restore: .*before-snapshot hook flush .*metrics endpoint down/s) }),
    );
  });
});

describe("options: the bootstrap's and a handler's snapStart() combine one way", () => {
  const esmHandler = (snapStartOptions: string, hooks: string) =>
    `import { registerBeforeSnapshot, registerAfterRestore } from ${indexEsm};\nimport { snapStart } from ${lambdaEsm};\n${hooks}\nexport const handler = async () => 'ok';\nawait snapStart(${snapStartOptions});\n`;
  const hang = 'new Promise(() => {})';

  it("a bootstrap variable wins over the handler's snapStart() option", async () => {
    const outcome = await run(
      { name: 'env wins', esm: true, snapStart: true, handler: esmHandler('{ afterRestoreTimeoutMs: 60000 }', `registerAfterRestore(function slow() { return ${hang}; });`) },
      { env: { SNAPSHOT_RESTORE_AFTER_RESTORE_TIMEOUT_MS: '200' } },
    );
    expect(outcome.exit).toBe(65);
    expect(outcome.stderr).toMatch(/did not finish within 200 ms/);
  });

  it("the handler's snapStart() option applies where the bootstrap was given none", async () => {
    const outcome = await run({
      name: 'handler fills',
      esm: true,
      snapStart: true,
      handler: esmHandler('{ beforeSnapshotTimeoutMs: 150 }', `registerBeforeSnapshot(function slow() { return ${hang}; });`),
    });
    expect(outcome.exit).toBe(64);
    expect(outcome.stderr).toMatch(/did not finish within 150 ms/);
  });

  it('a snapStart() option out of a timer range fails init clearly (not a 1 ms deadline)', async () => {
    const outcome = await run({ name: 'bad option', esm: true, snapStart: true, handler: esmHandler(`{ afterRestoreTimeoutMs: ${2 ** 31} }`, '') });
    expect(outcome.calls).toContain('POST /runtime/init/error');
    expect(outcome.stdout + outcome.stderr).toContain('afterRestoreTimeoutMs must be a whole number of milliseconds from 1 to 2147483647, but is 2147483648');
  });
});
