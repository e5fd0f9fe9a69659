// The faults a runtime client must survive, as scenarios for the fault-injection Runtime API:
// run against the bootstrap on every `npm test` (test/integration/bootstrap-faults.test.ts) and,
// side by side with the official aws-lambda-ric, in `npm run test:peers`.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tempDir } from './bundle.js';
import { FaultApi, rawAnswer, startRuntime, type FaultApiOptions, type RawRequest } from './fault-api.js';
import { withinHang } from './hang.js';
import { writeFile } from './lifecycle.js';

export interface FaultScenario {
  name: string;
  /** The text of `index.js` (CommonJS), or of `index.mjs` with `esm`. */
  handler: string;
  esm?: boolean;
  /** A SnapStart function: the API serves /restore/next and restores at once. */
  snapStart?: boolean;
  env?: Record<string, string>;
  respond?: FaultApiOptions['respond'];
  transform?: FaultApiOptions['transform'];
  /** Headers of the faulty invoke's /invocation/next answer. */
  headers?: Record<string, string>;
}

export interface FaultOutcome {
  /** The faulty invoke's answer: its /response or /error post, if any. */
  answer: RawRequest | undefined;
  /** Every post for the faulty invoke (an /error after a /response would show here). */
  posts: RawRequest[];
  /** The same process answered the next invoke. */
  nextAnswered: boolean;
  /** The exit code or signal, or 'running' when the process was still serving at the end. */
  exit: number | string;
  calls: string[];
  stdout: string;
  stderr: string;
  telemetry: Buffer;
  /** ms from the faulty invoke to the end of the scenario (an answer, an exit, or the wait running out). */
  ms: number;
}

const first = (api: FaultApi, match: (request: RawRequest) => boolean) => api.requests.filter(match).length === 1;

/** The first POST to /response gets Lambda's 413 (Lambda has failed the invoke already). */
export const respond413: FaultApiOptions['respond'] = (request, api) =>
  request.method === 'POST' && request.path.endsWith('/response') && first(api, (r) => r.path.endsWith('/response'))
    ? rawAnswer(413, { 'Content-Type': 'application/json' }, '{"errorMessage":"Exceeded maximum allowed payload size (6291556 bytes).","errorType":"RequestEntityTooLarge"}')
    : undefined;

export const SCENARIOS: Record<string, FaultScenario> = {
  responseTooLarge: { name: 'a 413 on /response', handler: 'exports.handler = async () => ({ big: true });', respond: respond413 },
  response500: {
    name: 'a 500 on /response',
    handler: 'exports.handler = async () => ({ ok: true });',
    respond: (request) =>
      request.method === 'POST' && request.path.endsWith('/response')
        ? rawAnswer(500, { 'Content-Type': 'application/json' }, '{"errorMessage":"boom","errorType":"ServiceException"}')
        : undefined,
  },
  badContentLength: {
    name: 'a non-numeric Content-Length on /invocation/next',
    handler: 'exports.handler = async () => ({ ok: true });',
    respond: (request, api) =>
      request.path === '/runtime/invocation/next' && first(api, (r) => r.path === '/runtime/invocation/next')
        ? 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nLambda-Runtime-Aws-Request-Id: bad-length\r\nLambda-Runtime-Deadline-Ms: 99999999999999\r\nLambda-Runtime-Invoked-Function-Arn: arn:aws:lambda:us-east-1:123456789012:function:f\r\nContent-Length: twelve\r\n\r\n{"a":1}'
        : undefined,
  },
  throwNullPrototype: { name: 'throw Object.create(null)', handler: 'exports.handler = async () => { throw Object.create(null); };' },
  throwToStringThrows: {
    name: 'a thrown object whose toString throws',
    handler: 'exports.handler = async () => { throw { toString() { throw new Error("no string for you"); } }; };',
  },
  throwStackGetterThrows: {
    name: 'an Error whose stack getter throws',
    handler: 'exports.handler = async () => { const e = new Error("hidden"); Object.defineProperty(e, "stack", { get() { throw new Error("no stack"); } }); throw e; };',
  },
  uncaughtException: {
    name: 'an uncaught exception during an invoke',
    handler: 'exports.handler = async () => { setTimeout(() => { throw new RangeError("thrown from a timer"); }, 10); return new Promise(() => {}); };',
  },
  unhandledRejection: {
    name: 'an unhandled rejection during an invoke',
    handler: 'exports.handler = async () => { Promise.reject(new Error("nobody waits for me")); return new Promise(() => {}); };',
  },
  ownErrorName: {
    name: 'a handler error with its own class name',
    handler:
      'class ValidationError extends Error { constructor(m) { super(m); this.name = "ValidationError"; } }\nexports.handler = async () => { throw new ValidationError("order id missing"); };',
  },
  malformedDeadline: {
    name: 'a malformed Lambda-Runtime-Deadline-Ms',
    handler: 'exports.handler = async (e, context) => ({ remaining: context.getRemainingTimeInMillis() });',
    headers: { 'Lambda-Runtime-Deadline-Ms': 'soon' },
  },
  callbackHandler: { name: 'a callback-style handler', handler: 'exports.handler = (event, context, callback) => callback(null, { style: "callback" });' },
};

/**
 * Runs one scenario: the faulty invoke, then (if the process is still there) a plain second one.
 * `args(taskRoot)` is the runtime's command line. Each invoke ends in an answer or the process's
 * exit; one that gets neither is a hang (test/helpers/hang.ts), named with what the API saw.
 * `waitMs` is for a runtime that may rightly hang (aws-lambda-ric in test/peers): after it, no
 * answer is an outcome, not an error.
 */
export async function runScenario(
  scenario: FaultScenario,
  args: (taskRoot: string) => string[],
  options: { command?: string; env?: Record<string, string>; waitMs?: number; telemetryFd?: boolean } = {},
): Promise<FaultOutcome> {
  const taskRoot = tempDir('sr-fault-');
  writeFile(taskRoot, scenario.esm ? 'index.mjs' : 'index.js', scenario.handler);
  const api = await FaultApi.start({ respond: scenario.respond, transform: scenario.transform, snapStart: scenario.snapStart });
  if (scenario.snapStart) api.restore();
  const runtime = startRuntime(api, args(taskRoot), { _HANDLER: 'index.handler', LAMBDA_TASK_ROOT: taskRoot, ...scenario.env, ...options.env }, options.command, {
    telemetryFd: options.telemetryFd,
  });
  let exit: number | string = 'running';
  void runtime.exited.then((code) => (exit = code));
  const started = Date.now();
  const within = <T>(promise: Promise<T>, what: string) => {
    const ended = Promise.race([promise.then((value) => ({ value })), runtime.exited.then(() => undefined)]);
    if (options.waitMs === undefined) {
      return withinHang(ended, `${what}, or the runtime's exit (scenario ${JSON.stringify(scenario.name)})`, () => `${api.calls().join(', ')}; stderr: ${runtime.stderr()}`);
    }
    const waitMs = options.waitMs;
    return Promise.race([ended.catch(() => undefined), new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), waitMs))]);
  };
  const id = 'fault-invoke';
  try {
    const answered = await within(api.invoke({ fault: true }, scenario.headers, id), `the answer to invoke ${id}`);
    // An exit races the last writes: once the runtime has exited, wait until all it sent has been read.
    if (!answered && exit !== 'running') await api.drained();
    const ms = Date.now() - started;
    let nextAnswered = false;
    if (exit === 'running') {
      const next = await within(api.invoke({ next: true }, {}, 'next-invoke'), 'the answer to invoke next-invoke');
      nextAnswered = next !== undefined;
    }
    const posts = api.requests.filter((request) => request.path.startsWith(`/runtime/invocation/${id}/`));
    const finalExit = exit;
    await runtime.stop();
    return { answer: posts[0], posts, nextAnswered, exit: finalExit, calls: api.calls(), stdout: runtime.stdout(), stderr: runtime.stderr(), telemetry: runtime.telemetry(), ms };
  } finally {
    await runtime.stop();
    await api.close();
  }
}

/** A file of the runtime package's build (runtime/dist/). */
export const distFile = (...parts: string[]) => join(import.meta.dirname, '../../runtime/dist', ...parts);

export const lambdaEsm = JSON.stringify(pathToFileURL(distFile('esm/lambda.js')).href);
const lambdaCjs = JSON.stringify(distFile('cjs/lambda.cjs'));
export const indexEsm = JSON.stringify(pathToFileURL(distFile('esm/index.js')).href);
const hooks = (_from: string) => `registerBeforeSnapshot(() => console.log('HOOK before'));\nregisterAfterRestore(() => console.log('HOOK after'));\n`;

/** snapStart() used wrongly (and once rightly) under the stock client. */
export const SNAPSTART_SCENARIOS: Record<string, FaultScenario> = {
  commonJs: {
    name: 'snapStart() without await from CommonJS',
    snapStart: true,
    handler: `const { registerBeforeSnapshot, registerAfterRestore } = require(${JSON.stringify(distFile('cjs/index.cjs'))});\nconst { snapStart } = require(${lambdaCjs});\n${hooks('cjs')}exports.handler = async () => ({ ok: true });\nsnapStart();\n`,
  },
  esmNotAwaited: {
    name: 'snapStart() without await from an ES module',
    snapStart: true,
    esm: true,
    handler: `import { registerBeforeSnapshot, registerAfterRestore } from ${indexEsm};\nimport { snapStart } from ${lambdaEsm};\n${hooks('esm')}export const handler = async () => ({ ok: true });\nsnapStart();\n`,
  },
  insideHandler: {
    name: 'await snapStart() inside the handler',
    snapStart: true,
    esm: true,
    handler: `import { registerBeforeSnapshot, registerAfterRestore } from ${indexEsm};\nimport { snapStart } from ${lambdaEsm};\n${hooks('esm')}export const handler = async () => { await snapStart(); return { ok: true }; };\n`,
  },
  awaited: {
    name: 'await snapStart() at the end of an ES module (right)',
    snapStart: true,
    esm: true,
    handler: `import { registerBeforeSnapshot, registerAfterRestore } from ${indexEsm};\nimport { snapStart } from ${lambdaEsm};\n${hooks('esm')}export const handler = async () => ({ ok: true });\nawait snapStart();\n`,
  },
};

/** A handler that logs one of everything (fixed stacks, so that two runtimes can be compared byte for byte), then fails on `{ fail: true }`. */
export const LOGGING_HANDLER = `
const fixed = (error) => { error.stack = error.name + ': ' + error.message + '\\n    at handler (/var/task/index.js:5:13)'; return error; };
console.log('at init');
exports.handler = async (event) => {
  if (event.next) return 'next';
  console.log('hello %s', 'world', 42);
  console.info({ a: 1, nested: { b: [1, 2] } });
  console.warn('two\\nlines');
  console.error('failed:', fixed(new TypeError('bad input')));
  console.error(fixed(Object.assign(new RangeError('alone'), { code: 'E_RANGE' })));
  console.debug('debug');
  console.trace('trace');
  console.fatal('fatal');
  console.log();
  throw fixed(new SyntaxError('handler failed'));
};
`;

export const LOGGING: FaultScenario = { name: 'a handler that logs', handler: LOGGING_HANDLER };

/** Log lines with the timestamps replaced by T. */
export const maskTimestamps = (text: string) => text.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, 'T');

export interface TelemetryRecord {
  type: number;
  timestampUs: bigint;
  message: string;
}

/** Splits the telemetry descriptor's bytes into its framed records. */
export function telemetryRecords(bytes: Buffer): TelemetryRecord[] {
  const records: TelemetryRecord[] = [];
  for (let at = 0; at + 16 <= bytes.length; ) {
    const length = bytes.readInt32BE(at + 4);
    records.push({ type: bytes.readUInt32BE(at), timestampUs: bytes.readBigInt64BE(at + 8), message: bytes.toString('utf8', at + 16, at + 16 + length) });
    at += 16 + length;
  }
  return records;
}

/** Streaming handlers (awslambda.streamifyResponse), the same text for the bootstrap and ric. */
export const STREAMING_HANDLERS = {
  chunks: `exports.handler = awslambda.streamifyResponse(async (event, stream) => {
  if (event.next) { stream.end('next'); return; }
  stream.setContentType('text/plain; charset=utf-8');
  stream.write('first,');
  stream.write(Buffer.from('second,'));
  await new Promise((resolve) => setTimeout(resolve, 5));
  stream.write({ third: 3 });
  stream.end('last');
});`,
  httpResponse: `exports.handler = awslambda.streamifyResponse(async (event, stream) => {
  stream = awslambda.HttpResponseStream.from(stream, { statusCode: 201, headers: { 'x-custom': 'yes' }, cookies: ['a=1'] });
  stream.write('<h1>hello</h1>');
  stream.end();
});`,
  failsMidway: `exports.handler = awslambda.streamifyResponse(async (event, stream) => {
  if (event.next) { stream.end('next'); return; }
  stream.write('partial');
  await new Promise((resolve) => setTimeout(resolve, 5));
  const error = new TypeError('stream broke');
  error.stack = 'TypeError: stream broke\\n    at handler (/var/task/index.js:4:17)';
  throw error;
});`,
  httpEndOnly: `exports.handler = awslambda.streamifyResponse(async (event, stream) => {
  awslambda.HttpResponseStream.from(stream, { statusCode: 204 }).end();
});`,
  returnsEarly: `exports.handler = awslambda.streamifyResponse(async (event, stream) => {
  stream.write('now,');
  setTimeout(() => stream.end('later'), 20);
});`,
  pipeline: `const { pipeline } = require('node:stream/promises');
const { Readable } = require('node:stream');
exports.handler = awslambda.streamifyResponse(async (event, stream) => {
  const size = event.bytes ?? 1024 * 1024;
  async function* chunks() { for (let sent = 0; sent < size; sent += 65536) yield Buffer.alloc(Math.min(65536, size - sent), sent / 65536 % 251); }
  await pipeline(Readable.from(chunks()), stream);
});`,
};
