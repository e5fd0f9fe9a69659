// The invoke loop of the bootstrap runtime: next event, call the handler (async, callback style,
// or streaming), post its result or its error, forever. Every invocation it receives is answered
// unless the Runtime API itself fails, and no answer of the Runtime API to a post stops it:
// - a 4xx on /response or /error is recoverable (the Runtime API spec): logged, next event;
//   410 says the invoke is gone (timed out) and 413 that Lambda has failed it already;
// - a 5xx or a broken connection on a post is logged too: aws-lambda-ric ignores the status of its
//   posts and goes on, and the bootstrap never stops where ric goes on;
// - a result JSON cannot represent (BigInt, a cycle, a function) is answered with ric's
//   Runtime.JSONStringifyError "Unable to stringify response body", never an empty body;
// - a handler that has not settled when nothing is left to run (Node.js 'beforeExit': the event
//   loop is empty, so it never will): a callback handler is answered with null, as Lambda's Node.js
//   runtimes before ric 4 answered (callbackWaitsForEmptyEventLoop); an async handler with
//   Runtime.UnsettledPromise (ric 4 exits with nothing posted: Runtime.ExitError).
import { finished } from 'node:stream/promises';
import { createContext } from './context.js';
import { errorParts } from './format-error.js';
import type { Handler } from './handler-loader.js';
import { logError, runtimeNotice, setLogContext } from './logging.js';
import { ResponseStream, streamingOf } from './streaming.js';
import {
  errorBody,
  errorTypeHeader,
  STREAMING_ERROR_BODY_TRAILER,
  STREAMING_ERROR_TYPE_TRAILER,
  type ApiResponse,
  type Invocation,
  type RuntimeApiClient,
} from '../runtime-api/client.js';

/** What the loop is doing, for the uncaught-exception listener (uncaught.ts). */
export const invokeState: {
  invocation: Invocation | undefined;
  answering: Promise<unknown> | undefined;
  /** A streamed response in progress: a failure ends it with the error trailers (a second post would be refused). */
  stream: ResponseStream | undefined;
} = { invocation: undefined, answering: undefined, stream: undefined };

/** ric's error for a result JSON.stringify cannot write. */
export class JSONStringifyError extends Error {
  override name = 'Runtime.JSONStringifyError';
  constructor() {
    super('Unable to stringify response body');
  }
}

/** The handler had not settled when the event loop ran empty. */
export class UnsettledPromiseError extends Error {
  override name = 'Runtime.UnsettledPromise';
  constructor() {
    super("The handler's promise never settled, and nothing was left to run (the event loop is empty)");
  }
}

export async function invokeLoop(client: RuntimeApiClient, handler: Handler): Promise<never> {
  const streaming = streamingOf(handler);
  for (;;) {
    const invocation = await client.nextInvocation();
    invokeState.invocation = invocation;
    try {
      await serve(client, handler, invocation, streaming);
    } finally {
      invokeState.invocation = undefined;
      invokeState.answering = undefined;
      invokeState.stream = undefined;
    }
  }
}

async function serve(client: RuntimeApiClient, handler: Handler, invocation: Invocation, streaming: { highWaterMark?: number } | undefined): Promise<void> {
  const { requestId, body, headers } = invocation;
  const traceId = headers['lambda-runtime-trace-id'];
  if (typeof traceId === 'string') process.env._X_AMZN_TRACE_ID = traceId;
  else delete process.env._X_AMZN_TRACE_ID;
  setLogContext(requestId, headers['lambda-runtime-aws-tenant-id']);
  let result: unknown;
  try {
    const event = body === '' ? undefined : JSON.parse(body);
    const context = createContext(requestId, headers);
    if (streaming) return await serveStreaming(client, handler, invocation, event, context, streaming.highWaterMark);
    result = await untilIdle(callHandler(handler, event, context), handler.length >= 3);
  } catch (error) {
    return postError(client, invocation, error);
  }
  let payload: string | undefined;
  try {
    payload = JSON.stringify(result === undefined ? null : result);
  } catch {}
  // undefined: a function or a symbol, which JSON has no text for.
  if (payload === undefined) return postError(client, invocation, new JSONStringifyError());
  await settle(invocation, 'response', () => client.invocationResponse(invocation, payload));
}

async function postError(client: RuntimeApiClient, invocation: Invocation, error: unknown): Promise<void> {
  logError('Invoke Error', error);
  await settle(invocation, 'error', () => client.invocationError(invocation, error, functionErrorType(error)));
}

/** Calls an async handler, or a callback handler (three parameters), and settles with its result. */
function callHandler(handler: Handler, event: unknown, context: unknown): Promise<unknown> {
  if (handler.length < 3) return Promise.resolve().then(() => handler(event, context));
  return new Promise((resolve, reject) => {
    const callback = (error?: unknown, value?: unknown) => (error === undefined || error === null ? resolve(value) : reject(error));
    const returned = handler(event, context, callback);
    // A callback-style signature may still return a promise: whichever settles first wins.
    if (isThenable(returned)) returned.then(resolve, reject);
  });
}

/** The handler's outcome, or what stands for it when the event loop runs empty first (see the top of this file). */
function untilIdle(outcome: Promise<unknown>, callbackStyle: boolean): Promise<unknown> {
  let onIdle: (() => void) | undefined;
  const idle = new Promise<unknown>((resolve, reject) => {
    onIdle = () => (callbackStyle ? resolve(null) : reject(new UnsettledPromiseError()));
    process.once('beforeExit', onIdle);
  });
  return Promise.race([outcome, idle]).finally(() => process.off('beforeExit', onIdle!));
}

/** Posts an answer and reads Lambda's reply: anything but 2xx is logged and the loop goes on. */
async function settle(invocation: Invocation, what: string, post: () => Promise<ApiResponse>): Promise<void> {
  const posting = post();
  invokeState.answering = posting;
  let response: ApiResponse;
  try {
    response = await posting;
  } catch (error) {
    runtimeNotice(`the ${what} of ${invocation.requestId} could not be posted; going on to the next event`, error);
    return;
  }
  if (response.status >= 200 && response.status < 300) return;
  const reason =
    response.status === 410
      ? 'the invoke is gone (it timed out)'
      : response.status === 413
        ? 'Lambda has failed the invoke already (too large)'
        : `the Runtime API answered ${response.status}`;
  runtimeNotice(`the ${what} of ${invocation.requestId} was not taken: ${reason}${response.body ? ` (${response.body.slice(0, 500)})` : ''}; going on to the next event`);
}

/**
 * A streaming handler, `(event, responseStream, context)`: its bytes go to Lambda as it writes them;
 * it is done when the stream has ended (it may return before that). A failure ends the body with the
 * error trailers.
 */
async function serveStreaming(client: RuntimeApiClient, handler: Handler, invocation: Invocation, event: unknown, context: unknown, highWaterMark?: number): Promise<void> {
  const stream = new ResponseStream((contentType) => client.beginStreamingResponse(invocation, contentType), highWaterMark);
  invokeState.stream = stream;
  stream.on('error', () => {}); // seen through finished() below
  try {
    const returned = (handler as (event: unknown, stream: ResponseStream, context: unknown) => unknown)(event, stream, context);
    if (isThenable(returned)) await returned;
    await finished(stream);
  } catch (error) {
    logError('Invoke Error', error);
    if (!(await failStream(stream, error, functionErrorType(error))))
      runtimeNotice(`the response of ${invocation.requestId} had already ended when the handler failed: ${errorParts(error).message}`);
  }
  await settle(invocation, 'streamed response', () => stream.answer());
}

/** Ends a streamed response with the error trailers; false when it had already ended. */
export function failStream(stream: ResponseStream, error: unknown, errorType: string): Promise<boolean> {
  const body = errorBody(error);
  return stream.fail({
    [STREAMING_ERROR_TYPE_TRAILER]: errorTypeHeader(errorType),
    [STREAMING_ERROR_BODY_TRAILER]: Buffer.from(JSON.stringify({ errorType: body.errorType, errorMessage: body.errorMessage, trace: body.trace })).toString('base64'),
  });
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';
}

/** `Function.<ErrorName>` when the name fits Lambda's pattern, else `Function.Error` (the header; the body has the name itself). Runtime.* types are kept. */
function functionErrorType(error: unknown): string {
  const { name } = errorParts(error);
  if (/^Runtime\.[A-Z][a-zA-Z]+$/.test(name)) return name;
  return /^[A-Z][a-zA-Z]+$/.test(name) ? `Function.${name}` : 'Function.Error';
}
