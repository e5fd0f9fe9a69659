// snapshot-restore/lambda: the lifecycle for an ESM handler on the stock Node.js runtime.
// The stock client awaits the handler module (top-level await included) before its first
// /invocation/next, so `await snapStart()` at the end of the module runs the lifecycle in time.
import { callSite } from './hooks/call-site.js';
import { runLifecycle, type LifecycleOptions } from './lifecycle/lifecycle.js';
import { underBootstrap } from './lifecycle/runtime-kind.js';
import { callerFrame, moduleInitIsOver, NOT_AWAITED, refusalAtCall, stockClientPresent } from './lifecycle/stock-client-guard.js';
import { RuntimeApiClient } from './runtime-api/client.js';

export type { LifecycleOptions as SnapStartOptions } from './lifecycle/lifecycle.js';
export { HookError } from './hooks/hook-error.js';

/**
 * Runs the SnapStart lifecycle: before-snapshot hooks, the snapshot, after-restore hooks.
 * Put `await snapStart()` as the last statement of the handler module. Outside SnapStart
 * (`AWS_LAMBDA_INITIALIZATION_TYPE` is not `snap-start`) it does nothing; it runs once per process.
 * On a hook failure it reports to Lambda and exits the process (64 before the snapshot, 65 after).
 * Under the stock client, a call from CommonJS, without `await`, or inside the handler is refused
 * with a message on stderr (the lifecycle could not run in time, and must not hold up an invocation).
 */
export function snapStart(options: LifecycleOptions = {}): Promise<void> {
  // The build manifest sits beside the bundle, which is the module that called us. (`check
  // --bundle` knows this function in a minified bundle by `.bundle ??` and 'snap-start' below.)
  const bundle = options.bundle ?? callSite(snapStart).replace(/:\d+:\d+$/, '');
  const start = () => runLifecycle(() => new RuntimeApiClient(), { ...options, bundle });
  if (underBootstrap() || !stockClientPresent()) return start();
  const frame = callerFrame(snapStart);
  const refusal = refusalAtCall(frame);
  if (refusal) return refuse(refusal);
  if (process.env.AWS_LAMBDA_INITIALIZATION_TYPE !== 'snap-start' || !process.env.AWS_LAMBDA_RUNTIME_API) return start();
  return moduleInitIsOver(frame).then((over) => (over ? refuse(NOT_AWAITED) : start()));
}

function refuse(message: string): Promise<void> {
  process.stderr.write(`snapshot-restore: ${message}\n`);
  return Promise.resolve();
}
