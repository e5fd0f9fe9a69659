// The two phases as every lifecycle runs them (the Runtime API lifecycle for snapStart() and the
// bootstrap, emulate, and the HTTP snapshot platforms): the hooks, each timed into one record per
// phase; after a restore, first the count and the renewals (renewals.ts), then the hooks.
import type { PhaseName } from '../hooks/registry.js';
import { runHooks, type RunHooksOptions } from '../hooks/run.js';
import { renewAfterRestore, type Renewal } from './renewals.js';
import { type HookTime, writePhaseRecord } from './restore-record.js';
import { restoreState } from './restore-state.js';

/** Runs a phase's hooks; `emulate` passes one that also times each hook (it must call options.onHook). */
export type PhaseRunner = (phase: PhaseName, options: RunHooksOptions) => Promise<void>;

/** The before-snapshot hooks, recorded; the end of the phase is the snapshot's time. */
export async function runBeforeSnapshotPhase(options: RunHooksOptions = {}, run: PhaseRunner = runHooks): Promise<void> {
  await recorded('beforeSnapshot', options, run, {});
  restoreState().snapshotAt = Date.now();
}

/** After a restore: counted, renewed, then the after-restore hooks, recorded. */
export async function runAfterRestorePhase(options: RunHooksOptions = {}, run: PhaseRunner = runHooks): Promise<void> {
  const state = restoreState();
  const started = performance.now();
  const restoredAt = Date.now();
  state.count++;
  let renewal: Renewal = { sockets: 0, durationMs: 0 };
  try {
    renewal = await renewAfterRestore();
  } catch (error) {
    process.stderr.write(`snapshot-restore: renewing after the restore failed (the hooks still run): ${(error as Error)?.message ?? error}\n`);
  }
  const sinceSnapshotMs = state.snapshotAt === undefined ? undefined : restoredAt - state.snapshotAt;
  await recorded('afterRestore', options, run, { restore: state.count, renewal, sinceSnapshotMs }, started);
}

async function recorded(
  phase: PhaseName,
  options: RunHooksOptions,
  run: PhaseRunner,
  extra: { restore?: number; renewal?: Renewal; sinceSnapshotMs?: number },
  started = performance.now(),
): Promise<void> {
  const hooks: HookTime[] = [];
  let failed = false;
  try {
    await run(phase, {
      ...options,
      onHook: (hook, durationMs, error) => {
        hooks.push({ name: hook.name, site: hook.site, durationMs, ...(error === undefined ? {} : { failed: true }) });
        options.onHook?.(hook, durationMs, error);
      },
    });
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    writePhaseRecord({ phase, totalMs: performance.now() - started, hooks, ...extra, ...(failed ? { failed } : {}) });
  }
}
