// Running one lifecycle call: the registry's phase through the lifecycle's own phase functions
// (the same order, awaiting, deadlines and HookError as over the Runtime API), or a user callback
// with a deadline, once per key: a retry of the same call waits for, and gets, the first outcome.
import { afterRestorePhase, beforeSnapshotPhase, type LifecycleOptions } from '../lifecycle/lifecycle.js';
import { runHooks, type RunHooksOptions } from '../hooks/run.js';
import { errorParts, isError, safeString } from '../invoke/format-error.js';
import { httpState, type CallOutcome, type HookTiming } from './phase-state.js';

export type Work = { phase: 'beforeSnapshot' | 'afterRestore'; options: LifecycleOptions } | { callback: () => unknown; timeoutMs: number; label: string } | { nothing: true };

/** Runs `work` for `key` unless a call with that key already has: then its outcome is reused. */
export function once(key: string, call: string, work: Work): { outcome: Promise<CallOutcome>; first: boolean } {
  const state = httpState();
  const existing = state.calls.get(key);
  if (existing) return { outcome: existing.then((outcome) => ({ ...outcome, repeated: true })), first: false };
  const outcome = perform(call, work);
  state.calls.set(key, outcome);
  return { outcome, first: true };
}

export function ran(key: string): Promise<CallOutcome> | undefined {
  return httpState().calls.get(key);
}

async function perform(call: string, work: Work): Promise<CallOutcome> {
  const hooks: HookTiming[] = [];
  const started = performance.now();
  const outcome: CallOutcome = { ok: true, call, hooks, durationMs: 0 };
  try {
    if ('phase' in work) {
      outcome.phase = work.phase;
      const run = (phase: 'beforeSnapshot' | 'afterRestore', options: RunHooksOptions) =>
        runHooks(phase, {
          timeoutMs: options.timeoutMs,
          onHook: (hook, durationMs, error) => {
            hooks.push({ name: hook.name, site: hook.site, durationMs, ...(error === undefined ? {} : { error: describe(error) }) });
            // The lifecycle's own record of the phase (runtime/lifecycle/restore-phase.ts).
            options.onHook?.(hook, durationMs, error);
          },
        });
      await (work.phase === 'beforeSnapshot' ? beforeSnapshotPhase(work.options, run) : afterRestorePhase(work.options, run));
    } else if ('callback' in work) {
      await withDeadline(work.callback, work.timeoutMs, work.label);
    }
  } catch (error) {
    outcome.ok = false;
    outcome.error = describe(error);
    process.stderr.write(`snapshot-restore: ${call}: ${outcome.error}\n`);
  }
  outcome.durationMs = performance.now() - started;
  return outcome;
}

function withDeadline(callback: () => unknown, timeoutMs: number, label: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label} did not finish within ${timeoutMs} ms`)), timeoutMs);
    Promise.resolve()
      .then(callback)
      .then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
  });
}

function describe(error: unknown): string {
  if (!isError(error)) return safeString(error);
  const { name, message } = errorParts(error);
  return `${name}: ${message}`;
}
