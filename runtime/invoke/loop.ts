// The invoke loop of the bootstrap runtime: next event, call the handler (async, callback style,
// or streaming), post its result or its error, forever. Every invocation it receives is answered
// unless the Runtime API itself fails: a value that cannot be serialised, a thrown value that
// cannot be printed, a response Lambda refuses as too large (413: Lambda has already failed the
// invoke, so the loop goes on to the next event rather than posting an error Lambda would refuse).
import { finished } from 'node:stream/promises';
import { createContext } from './context.js';
import { errorParts } from './format-error.js';
import type { Handler } from './handler-loader.js';
import { logError, setLogContext } from './logging.js';
import { ResponseStream, streamingOf } from './streaming.js';
import {
  errorBody,
  errorTypeHeader,
  RuntimeApiError,
  STREAMING_ERROR_BODY_TRAILER,
  STREAMING_ERROR_TYPE_TRAILER,
  type Invocation,
  type RuntimeApiClient,
} from '../runtime-api/client.js';

/** What the loop is doing, for the uncaught-exception handler (uncaught.ts). */
export const invokeState: { requestId: string | undefined; answering: Promise<unknown> | undefined } = { requestId: undefined, answering: undefined };

export async function invokeLoop(client: RuntimeApiClient, handler: Handler): Promise<never> {
  const streaming = streamingOf(handler);
  for (;;) {
    const invocation = await client.nextInvocation();
    invokeState.requestId = invocation.requestId;
    try {
      await serve(client, handler, invocation, streaming);
    } finally {
      invokeState.requestId = undefined;
      invokeState.answering = undefined;
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
    if (streaming) return await serveStreaming(client, handler, requestId, event, context, streaming.highWaterMark);
    result = await callHandler(handler, event, context);
  } catch (error) {
    logError('Invoke Error', error);
    await answer(client.invocationError(requestId, error, functionErrorType(error)));
    return;
  }
  await postResult(client, requestId, result);
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

async function postResult(client: RuntimeApiClient, requestId: string, result: unknown): Promise<void> {
  let payload: string;
  try {
    payload = JSON.stringify(result === undefined ? null : result);
  } catch (error) {
    logError('Invoke Error', error);
    await answer(client.invocationError(requestId, error, 'Runtime.SerializationError'));
    return;
  }
  try {
    await answer(client.invocationResponse(requestId, payload));
  } catch (error) {
    if (!isTooLarge(error)) throw error;
  }
}

/**
 * A streaming handler, `(event, responseStream, context)`: its bytes go to Lambda as it writes them;
 * it is done when the stream has ended (it may return before that). A failure ends the body with the
 * error trailers.
 */
async function serveStreaming(client: RuntimeApiClient, handler: Handler, requestId: string, event: unknown, context: unknown, highWaterMark?: number): Promise<void> {
  const stream = new ResponseStream((contentType) => client.beginStreamingResponse(requestId, contentType), highWaterMark);
  stream.on('error', () => {}); // seen through finished() below
  try {
    const returned = (handler as (event: unknown, stream: ResponseStream, context: unknown) => unknown)(event, stream, context);
    if (isThenable(returned)) await returned;
    await finished(stream);
  } catch (error) {
    logError('Invoke Error', error);
    const body = errorBody(error);
    const trailers = {
      [STREAMING_ERROR_TYPE_TRAILER]: errorTypeHeader(functionErrorType(error)),
      [STREAMING_ERROR_BODY_TRAILER]: Buffer.from(JSON.stringify({ errorType: body.errorType, errorMessage: body.errorMessage, trace: body.trace })).toString('base64'),
    };
    if (!(await stream.fail(trailers)))
      process.stderr.write(`snapshot-restore: the response of ${requestId} had already ended when the handler failed: ${errorParts(error).message}\n`);
  }
  const response = await answer(stream.answer());
  if (response.status === 202) return;
  const failure = new RuntimeApiError(`POST /runtime/invocation/${requestId}/response (streamed)`, response.status, response.body);
  if (!isTooLarge(failure)) throw failure;
}

function answer<T>(posting: Promise<T>): Promise<T> {
  invokeState.answering = posting;
  return posting;
}

function isTooLarge(error: unknown): boolean {
  if (!(error instanceof RuntimeApiError && error.status === 413)) return false;
  // Lambda has failed the invoke already (Function.ResponseSizeTooLarge): an /error post would get 403.
  process.stderr.write(`snapshot-restore: ${error.message}; Lambda reports the invoke as failed, going on to the next event\n`);
  return true;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';
}

/** `Function.<ErrorName>` when the name fits Lambda's pattern, else `Function.Error` (the header; the body has the name itself). */
function functionErrorType(error: unknown): string {
  const { name } = errorParts(error);
  return /^[A-Z][a-zA-Z]+$/.test(name) ? `Function.${name}` : 'Function.Error';
}
