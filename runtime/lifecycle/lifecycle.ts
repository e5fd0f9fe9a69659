// The SnapStart lifecycle over the Runtime API (reference: lambda-snapstart.md §2-§3), shared by
// snapStart() for the stock Node.js runtime and by the bootstrap runtime:
// before-snapshot hooks, GET /restore/next, fresh connections, after-restore hooks.
import { formatError } from '../invoke/format-error.js';
import { checkManifest } from './manifest-check.js';
import { registry } from '../hooks/registry.js';
import { type PhaseRunner, runAfterRestorePhase, runBeforeSnapshotPhase } from './restore-phase.js';
import { runHooks } from '../hooks/run.js';
import { type RuntimeApiClient, RuntimeApiError } from '../runtime-api/client.js';
import { underBootstrap } from './runtime-kind.js';
import { NOT_AWAITED, stockClientPresent } from './stock-client-guard.js';

export interface LifecycleOptions {
  /** Deadline for the before-snapshot hooks (default: none; Lambda bounds init at max(130 s, timeout)). */
  beforeSnapshotTimeoutMs?: number;
  /** Deadline for the after-restore hooks (default 9000 ms, below Lambda's 10 s restore limit). */
  afterRestoreTimeoutMs?: number;
  /** The bundle file; its build manifest sits beside it (default: the handler module's file). */
  bundle?: string;
}

export const BEFORE_SNAPSHOT_EXIT_CODE = 64;
export const AFTER_RESTORE_EXIT_CODE = 65;
export const DEFAULT_AFTER_RESTORE_TIMEOUT_MS = 9_000;

export interface LifecycleState {
  lifecycle?: Promise<void>;
  /** The options of the call that started it (read by `emulate`, which drives the lifecycle itself). */
  lifecycleOptions?: LifecycleOptions;
  /** Set by emulate's driver (driver.ts): it drives the phases, and snapStart() waits for it. */
  driver?: (options: LifecycleOptions) => Promise<void>;
}

/**
 * Drives the lifecycle once per process, whichever copy of the runtime calls it (an ESM handler's
 * `await snapStart()` under the bootstrap must not ask for the snapshot twice).
 */
export function runLifecycle(client: () => RuntimeApiClient, options: LifecycleOptions = {}): Promise<void> {
  const state = registry() as LifecycleState;
  state.lifecycleOptions ??= options;
  return (state.lifecycle ??= state.driver ? state.driver(options) : drive(client, options));
}

async function drive(client: () => RuntimeApiClient, options: LifecycleOptions): Promise<void> {
  // Init is over: every hook the build saw should have registered by now.
  if (options.bundle) checkManifest(options.bundle);
  if (process.env.AWS_LAMBDA_INITIALIZATION_TYPE !== 'snap-start') {
    // No snapshot will be taken, and init is over: later registrations could never run under SnapStart.
    registry().started = { beforeSnapshot: true, afterRestore: true };
    return;
  }
  if (!process.env.AWS_LAMBDA_RUNTIME_API) {
    // SnapStart says the variable, but no Runtime API: a unit test or a local run, not Lambda.
    process.stderr.write(
      'snapshot-restore: AWS_LAMBDA_INITIALIZATION_TYPE is snap-start but AWS_LAMBDA_RUNTIME_API is not set, so this is not Lambda: the lifecycle does not run. Use snapshot-restore/testing to run the hooks in tests.\n',
    );
    return;
  }
  const api = client();
  await runBeforeSnapshotHooks(api, options);
  await waitForRestore(api);
  await resumeAfterRestore(api, options);
}

export type { PhaseRunner } from './restore-phase.js';

/** Before the snapshot: the before-snapshot hooks. A failure is Runtime.BeforeSnapshotError, exit 64. */
export async function runBeforeSnapshotHooks(api: RuntimeApiClient, options: LifecycleOptions, run: PhaseRunner = runHooks): Promise<void> {
  try {
    await beforeSnapshotPhase(options, run);
  } catch (error) {
    await fail(() => api.initError(error, 'Runtime.BeforeSnapshotError'), error, BEFORE_SNAPSHOT_EXIT_CODE);
  }
}

/** GET /restore/next: answers once this environment is restored. Anything but 200 is Runtime.BeforeSnapshotError. */
export async function waitForRestore(api: RuntimeApiClient): Promise<void> {
  try {
    await api.restoreNext();
  } catch (error) {
    if (lostRaceToStockClient(error)) return;
    await fail(() => api.initError(error, 'Runtime.BeforeSnapshotError'), error, BEFORE_SNAPSHOT_EXIT_CODE);
  }
}

/**
 * After the restore: nothing from before the snapshot is reused (the Runtime API connection; the
 * pooled sockets and entropy caches renewals.ts renews), then the after-restore hooks, recorded.
 * A failure is Runtime.AfterRestoreError, exit 65.
 */
export async function resumeAfterRestore(api: RuntimeApiClient, options: LifecycleOptions, run: PhaseRunner = runHooks): Promise<void> {
  api.resetConnections();
  try {
    await afterRestorePhase(options, run);
  } catch (error) {
    await fail(() => api.restoreError(error, 'Runtime.AfterRestoreError'), error, AFTER_RESTORE_EXIT_CODE);
  }
}

/**
 * The before-snapshot phase itself, whoever delivers it (the Runtime API here, an HTTP hook in
 * snapshot-restore/http): the hooks within their deadline, recorded (restore-phase.ts). Rejects
 * with the HookError. A `run` must pass its options' onHook on for the record to name the hooks.
 */
export function beforeSnapshotPhase(options: LifecycleOptions, run: PhaseRunner = runHooks): Promise<void> {
  return runBeforeSnapshotPhase({ timeoutMs: options.beforeSnapshotTimeoutMs }, run);
}

/**
 * The after-restore phase itself, whoever delivers it: nothing cloned is reused (pooled sockets,
 * crypto caches: renewals.ts), then the hooks within their deadline, recorded. Rejects with the HookError.
 */
export function afterRestorePhase(options: LifecycleOptions, run: PhaseRunner = runHooks): Promise<void> {
  return runAfterRestorePhase({ timeoutMs: options.afterRestoreTimeoutMs ?? DEFAULT_AFTER_RESTORE_TIMEOUT_MS }, run);
}

/**
 * The stock client asked for an event before our /restore/next (snapStart() not awaited, in a way
 * the checks at the call could not see). Exiting would leave that invocation unanswered, so the
 * process goes on; the after-restore hooks then run to undo what the before-snapshot hooks did.
 */
function lostRaceToStockClient(error: unknown): boolean {
  if (!(error instanceof RuntimeApiError && error.status === 403) || underBootstrap() || !stockClientPresent()) return false;
  process.stderr.write(
    `snapshot-restore: ${NOT_AWAITED.replace('The lifecycle does not run.', 'The stock client already asked for an event, so /restore/next was refused (403): no snapshot is taken with the hooks; the after-restore hooks run now to undo the before-snapshot hooks.')}\n`,
  );
  return true;
}

/** Prints the error, reports it to Lambda, and exits: the environment cannot be used. */
async function fail(report: () => Promise<void>, error: unknown, code: number): Promise<never> {
  process.stderr.write(`snapshot-restore: ${formatError(error)}\n`);
  try {
    await report();
  } catch (reportError) {
    process.stderr.write(`snapshot-restore: could not report the error to Lambda: ${formatError(reportError)}\n`);
  }
  process.exit(code);
}
