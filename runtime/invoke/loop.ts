// The invoke loop of the bootstrap runtime: next event, call the handler (async or callback
// style), post its result or its error, forever.
import { createContext } from './context.js';
import type { Handler } from './handler-loader.js';
import { RuntimeApiError, type RuntimeApiClient } from '../runtime-api/client.js';

export async function invokeLoop(client: RuntimeApiClient, handler: Handler): Promise<never> {
  for (;;) {
    const { requestId, body, headers } = await client.nextInvocation();
    const traceId = headers['lambda-runtime-trace-id'];
    if (typeof traceId === 'string') process.env._X_AMZN_TRACE_ID = traceId;
    else delete process.env._X_AMZN_TRACE_ID;
    let result: unknown;
    try {
      const event = body === '' ? undefined : JSON.parse(body);
      result = await callHandler(handler, event, createContext(requestId, headers));
    } catch (error) {
      await client.invocationError(requestId, error, functionErrorType(error));
      continue;
    }
    await postResult(client, requestId, result);
  }
}

/** Calls an async handler, or a callback handler (three parameters), and settles with its result. */
function callHandler(handler: Handler, event: unknown, context: unknown): Promise<unknown> {
  if (handler.length < 3) return Promise.resolve().then(() => handler(event, context));
  return new Promise((resolve, reject) => {
    const callback = (error?: unknown, value?: unknown) => (error === undefined || error === null ? resolve(value) : reject(error));
    const returned = handler(event, context, callback);
    // A callback-style signature may still return a promise: whichever settles first wins.
    if (returned && typeof (returned as Promise<unknown>).then === 'function') (returned as Promise<unknown>).then(resolve, reject);
  });
}

async function postResult(client: RuntimeApiClient, requestId: string, result: unknown): Promise<void> {
  let payload: string;
  try {
    payload = JSON.stringify(result === undefined ? null : result);
  } catch (error) {
    await client.invocationError(requestId, error, 'Runtime.SerializationError');
    return;
  }
  try {
    await client.invocationResponse(requestId, payload);
  } catch (error) {
    if (!(error instanceof RuntimeApiError && error.status === 413)) throw error;
    await client.invocationError(requestId, new Error(`Response payload of ${Buffer.byteLength(payload)} bytes is too large`), 'Function.ResponseSizeTooLarge');
  }
}

/** `Function.<ErrorName>` when the name fits Lambda's pattern, else `Function.Error`. */
function functionErrorType(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  return /^[A-Z][a-zA-Z]+$/.test(name) ? `Function.${name}` : 'Function.Error';
}
