// Thrown values as text, for stderr, the logs and Lambda's error bodies. User code can throw
// anything (null-prototype objects, objects whose toString throws, Errors whose getters throw,
// revoked proxies), and the runtime must still answer the invocation: nothing here ever throws.
const MAX_CAUSES = 5;

/** `String(value)`, or a stand-in when even that throws. */
export function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    try {
      return Object.prototype.toString.call(value);
    } catch {
      return '<a value that cannot be printed>';
    }
  }
}

/** Reads a property, undefined when the read throws. */
function read(value: unknown, key: string): unknown {
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

/** An Error of this realm or another (vm, worker); false for anything whose inspection throws. */
export function isError(value: unknown): value is Error {
  try {
    return value instanceof Error || Object.prototype.toString.call(value) === '[object Error]';
  } catch {
    return false;
  }
}

export interface ErrorParts {
  /** The error's own name (`TypeError`, `ValidationError`), or `typeof` for a thrown non-Error, as the official client reports it. */
  name: string;
  message: string;
  /** The stack lines (for a non-Error, its text). */
  stack: string[];
}

export function errorParts(error: unknown): ErrorParts {
  if (!isError(error)) return { name: typeof error, message: safeString(error), stack: [] };
  const name = read(error, 'name');
  const message = read(error, 'message');
  const parts = { name: typeof name === 'string' ? name : safeString(name ?? 'Error'), message: typeof message === 'string' ? message : safeString(message ?? '') };
  const stack = read(error, 'stack');
  return { ...parts, stack: typeof stack === 'string' ? stack.split('\n') : [`${parts.name}: ${parts.message}`] };
}

/** The stack, then each cause's stack (bounded: causes can form a cycle). */
export function formatError(error: unknown): string {
  const parts: string[] = [];
  for (let current = error, depth = 0; current !== undefined && depth <= MAX_CAUSES; depth++) {
    const text = isError(current) ? errorParts(current).stack.join('\n') : safeString(current);
    parts.push(depth === 0 ? text : `Caused by: ${text}`);
    current = isError(current) ? read(current, 'cause') : undefined;
  }
  return parts.join('\n');
}
