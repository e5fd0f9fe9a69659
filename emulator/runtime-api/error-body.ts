import type { ErrorBody } from './types.js';

/**
 * Parses the JSON body of an error post. Runtimes send `stackTrace` (the documented name) or
 * `trace` (what the Node.js runtime interface client sends); both end up in `stackTrace`.
 * Returns undefined when the body is not a JSON object.
 */
export function parseErrorBody(raw: string): ErrorBody | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;

  const body: ErrorBody = { ...(parsed as Record<string, unknown>) };
  if (body.stackTrace === undefined && Array.isArray(body.trace)) {
    body.stackTrace = body.trace.map(String);
  }
  return body;
}
