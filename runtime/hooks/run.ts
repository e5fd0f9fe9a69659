// Running one phase: before-snapshot hooks in reverse registration order, after-restore
// hooks in registration order, each awaited before the next, within an optional deadline.
import { formatError } from '../invoke/format-error.js';
import { HookError } from './hook-error.js';
import { registry, type PhaseName, type RegisteredHook } from './registry.js';

export interface RunHooksOptions {
  /** Deadline for the whole phase, in ms. A hook still running when it passes fails the phase. */
  timeoutMs?: number;
  /** Told of each hook when it has finished or failed, with how long it ran (emulate's timings). */
  onHook?: (hook: RegisteredHook, durationMs: number, error?: unknown) => void;
}

/**
 * Runs the hooks of `phase`. The phase runs the list as it stood when it began: a hook
 * registered while the phase runs (or later) does not run in it, and gets a warning.
 */
export async function runHooks(phase: PhaseName, options: RunHooksOptions = {}): Promise<void> {
  const reg = registry();
  reg.started[phase] = true;
  const hooks = phase === 'beforeSnapshot' ? [...reg.beforeSnapshot].reverse() : [...reg.afterRestore];
  const { timeoutMs } = options;
  const deadline = timeoutMs === undefined ? Infinity : Date.now() + timeoutMs;
  for (let index = 0; index < hooks.length; index++) {
    const hook = hooks[index];
    const skipped = hooks.length - index - 1;
    const started = performance.now();
    try {
      const result = hook.fn.apply(hook.thisArg, hook.args as unknown[]);
      if (isThenable(result)) await settleBefore(result, deadline, hook);
      options.onHook?.(hook, performance.now() - started);
    } catch (cause) {
      options.onHook?.(hook, performance.now() - started, cause === TIMED_OUT ? new Error(`did not finish within ${timeoutMs} ms`) : cause);
      throw cause === TIMED_OUT ? new HookError(phase, hook, skipped, { timeoutMs: timeoutMs! }) : new HookError(phase, hook, skipped, { cause });
    }
    // A synchronous hook cannot be interrupted; it still fails the phase if it overran.
    if (Date.now() > deadline) throw new HookError(phase, hook, skipped, { timeoutMs: timeoutMs! });
  }
}

const TIMED_OUT = Symbol('timed out');

/** `name (registered at site)`; a name getter that throws cannot stop the report. */
function safeName(hook: RegisteredHook): string {
  try {
    return `${hook.name} (registered at ${hook.site})`;
  } catch {
    return `<unnamed> (registered at ${hook.site})`;
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';
}

function settleBefore(pending: PromiseLike<unknown>, deadline: number, hook: RegisteredHook): Promise<unknown> {
  if (deadline === Infinity) return Promise.resolve(pending);
  return new Promise((resolve, reject) => {
    let timedOut = false;
    const timer = setTimeout(
      () => {
        timedOut = true;
        reject(TIMED_OUT);
      },
      Math.max(0, deadline - Date.now()),
    );
    pending.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        // Never swallowed: a hook that fails after its deadline is still reported.
        if (timedOut) process.stderr.write(`snapshot-restore: hook ${safeName(hook)} failed after its deadline: ${formatError(error)}\n`);
        reject(error);
      },
    );
  });
}
