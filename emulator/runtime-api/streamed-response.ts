// A response posted in Lambda's streaming mode (`Lambda-Runtime-Function-Response-Mode: streaming`,
// a chunked body, and on failure the trailers Lambda-Runtime-Function-Error-Type and
// Lambda-Runtime-Function-Error-Body, base64 of the error JSON): what the emulator records of it.
import type { IncomingMessage } from 'node:http';
import { parseErrorBody } from './error-body.js';
import { validErrorType } from './error-type.js';
import type { InvokeResult } from './types.js';

/** Lambda's limit for a streamed response (soft): 20 MiB. */
export const STREAMED_RESPONSE_LIMIT = 20 * 1024 * 1024;

export function isStreamed(req: IncomingMessage): boolean {
  return String(req.headers['lambda-runtime-function-response-mode']).toLowerCase() === 'streaming';
}

/** The outcome of a streamed response, read once its body and trailers have arrived. */
export function streamedOutcome(req: IncomingMessage, body: Buffer): Omit<InvokeResult, 'requestId' | 'durationMs'> {
  const streamed = { contentType: String(req.headers['content-type'] ?? ''), body, trailers: { ...req.trailers } };
  const type = req.trailers['lambda-runtime-function-error-type'];
  if (type === undefined) {
    const rawPayload = body.toString('utf8');
    return { ok: true, payload: parseJsonOrText(rawPayload), rawPayload, streamed };
  }
  const raw = Buffer.from(req.trailers['lambda-runtime-function-error-body'] ?? '', 'base64').toString('utf8');
  const parsed = parseErrorBody(raw);
  return {
    ok: false,
    error: {
      errorType: validErrorType(type),
      sentErrorType: type,
      errorMessage: typeof parsed?.errorMessage === 'string' ? parsed.errorMessage : '',
      ...(parsed ? { body: parsed } : {}),
      raw,
    },
    rawPayload: body.toString('utf8'),
    streamed,
  };
}

function parseJsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
