// The lifecycle driver for `emulate` (internal, not a public entry point). emulate runs init and
// the before-snapshot hooks in a snapshot build, and the after-restore hooks in each process
// started from it, so it drives the phases itself; the module's own `await snapStart()` must
// then wait across the snapshot instead of driving them. This is the one way in: no patching
// of the registry or of registered hooks.
import { registry, type PhaseName, type RegisteredHook } from '../hooks/registry.js';
import { runHooks, type RunHooksOptions } from '../hooks/run.js';
import { type HttpState, httpState } from '../platforms/phase-state.js';
import { runBeforeSnapshotPhase } from './restore-phase.js';
import type { LifecycleOptions, LifecycleState } from './lifecycle.js';

export { AFTER_RESTORE_EXIT_CODE, BEFORE_SNAPSHOT_EXIT_CODE, DEFAULT_AFTER_RESTORE_TIMEOUT_MS, resumeAfterRestore, waitForRestore } from './lifecycle.js';
export type { LifecycleOptions } from './lifecycle.js';

export interface TakenOver {
  /** Settles when the module calls `snapStart()` (its init is over), with the options it passed. */
  called: Promise<LifecycleOptions>;
  /** Lets the module's `await snapStart()` continue (after the after-restore hooks). */
  release(): void;
  /** The options the module passed to `snapStart()`, once it has. */
  options(): LifecycleOptions;
}

/** Takes over `snapStart()` for this process: every copy of the runtime hands its call to us. */
export function takeOverSnapStart(): TakenOver {
  let signal!: (options: LifecycleOptions) => void;
  const called = new Promise<LifecycleOptions>((resolve) => (signal = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const state = registry() as LifecycleState;
  state.driver = (options) => {
    signal(options);
    return released;
  };
  return { called, release, options: () => state.lifecycleOptions ?? {} };
}

export interface HookTiming {
  name: string;
  site: string;
  durationMs: number;
  error?: unknown;
}

/**
 * Runs a phase as the runtime does, and says how long each hook took. The before-snapshot phase is
 * recorded as the runtime records it; the after-restore hooks run inside resumeAfterRestore, which
 * renews and records around them: pass its `options.onHook` as `forward` so the record has them.
 */
export function runTimedPhase(phase: PhaseName, timeoutMs: number | undefined, onHook: (timing: HookTiming) => void, forward?: RunHooksOptions['onHook']): Promise<void> {
  const options: RunHooksOptions = {
    timeoutMs,
    onHook: (hook: RegisteredHook, durationMs: number, error?: unknown) => {
      onHook({ name: hook.name, site: hook.site, durationMs, ...(error === undefined ? {} : { error }) });
      forward?.(hook, durationMs, error);
    },
  };
  return phase === 'beforeSnapshot' ? runBeforeSnapshotPhase(options) : runHooks(phase, options);
}

/** The names of the hooks registered for a phase so far, in run order (a copy: reading changes nothing). */
export function registeredNames(phase: PhaseName): string[] {
  return registry()[phase].map((hook) => hook.name);
}

type HandlerWatcher = NonNullable<HttpState['onHandler']>;
/** A snapshot-restore/http handler as the app made it. */
export type HttpHandler = Parameters<HandlerWatcher>[0];

/**
 * Tells `watcher` of each snapshot-restore/http handler the app makes from now on (emulate's
 * platform build sends the calls that come before the snapshot to it in-process); the returned
 * function stops telling.
 */
export function watchHttpHandlers(watcher: HandlerWatcher): () => void {
  const state = httpState();
  state.onHandler = watcher;
  return () => {
    if (state.onHandler === watcher) state.onHandler = undefined;
  };
}
