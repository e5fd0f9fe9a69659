// Under Lambda's stock Node.js runtime client, snapStart() runs in time only when it is awaited at
// the end of an ESM module's init: the client imports the module, waits for its top-level await,
// and only then asks for the first event. Called from CommonJS (which cannot await at top level),
// without `await`, or inside the handler, the client's /invocation/next would go first, the
// snapshot could not happen and /restore/next would be refused. These checks see that before any
// hook runs, and say what to write instead.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const BOOTSTRAP_HINT = 'run the bootstrap runtime instead of the stock client (see docs/bootstrap.md in the snapshot-restore repository)';
const AWAIT_HINT = 'write `await snapStart();` as the last statement of the handler module, at top level';

/** The frame of the code that called snapStart(), as V8 prints it (ESM frames carry file:// URLs). */
export function callerFrame(skip: (...args: never[]) => unknown): string {
  const holder: { stack?: string } = {};
  Error.captureStackTrace(holder, skip);
  return holder.stack?.split('\n')[1] ?? '';
}

function frameLocation(frame: string): string | undefined {
  return /\(?((?:file:\/\/)?\/[^\s()]+?):\d+:\d+\)?\s*$/.exec(frame)?.[1];
}

/** A refusal message when the call comes from CommonJS or while an invocation runs; undefined when it may go on. */
export function refusalAtCall(frame: string): string | undefined {
  const location = frameLocation(frame);
  if (invocationRunning()) return `snapStart() was called inside the handler, where the snapshot has long been taken: ${AWAIT_HINT}. The lifecycle does not run.`;
  // CommonJS frames print plain paths; ESM frames print file:// URLs.
  if (location && !location.startsWith('file://')) {
    return `snapStart() was called from a CommonJS module (${location}) under the stock Node.js runtime client. CommonJS cannot await at top level, so the client would ask for the first event before the snapshot and the hooks could not run: ${BOOTSTRAP_HINT}, or build the handler as ESM and ${AWAIT_HINT}. The lifecycle does not run.`;
  }
  return undefined;
}

/**
 * True when the ESM module that called snapStart() has finished its init, i.e. it did not await
 * snapStart(): importing it again then resolves at once, while a module suspended on
 * `await snapStart()` stays pending. Only for plain file:// frames of files that exist, so that
 * nothing new is ever loaded (with source maps on, frames may name sources: no check then).
 */
export async function moduleInitIsOver(frame: string, waitMs = 50): Promise<boolean> {
  const location = frameLocation(frame);
  if (!location?.startsWith('file://') || (process as { sourceMapsEnabled?: boolean }).sourceMapsEnabled) return false;
  const path = decodeURIComponent(location.slice('file://'.length));
  if (!/\.m?js$/.test(path) || !existsSync(path)) return false;
  let timer: NodeJS.Timeout | undefined;
  const pending = new Promise<false>((resolve) => (timer = setTimeout(resolve, waitMs, false)));
  // Left to Node.js when a bundler (webpack, Rspack, Vite) bundles this runtime: the file is the
  // user's own module, never a bundled one.
  const evaluated = import(/* webpackIgnore: true */ /* @vite-ignore */ pathToFileURL(path).href).then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([evaluated, pending]);
  } finally {
    clearTimeout(timer);
  }
}

export const NOT_AWAITED = `snapStart() was not awaited: the module's init was over before the lifecycle began (a call without \`await\`, or inside the handler), so the stock client would ask for the first event before the snapshot: ${AWAIT_HINT}. The lifecycle does not run.`;

/**
 * Lambda's Node.js runtime client (aws-lambda-ric, also what the managed runtime and the base
 * image run) defines the `awslambda` global before it loads the handler; emulate and tests do not.
 */
export function stockClientPresent(): boolean {
  return typeof (globalThis as { awslambda?: { streamifyResponse?: unknown } }).awslambda?.streamifyResponse === 'function';
}

/** aws-lambda-ric ≥ 4 keeps the invocation's context in `awslambda.InvokeStore` (@aws/lambda-invoke-store). */
function invocationRunning(): boolean {
  try {
    const store = (globalThis as { awslambda?: { InvokeStore?: { hasContext?(): boolean } } }).awslambda?.InvokeStore;
    return store?.hasContext?.() === true;
  } catch {
    return false;
  }
}
