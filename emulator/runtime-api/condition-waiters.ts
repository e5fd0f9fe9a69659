/** What a waiting check says: done (with a value), failed for good (with a reason), or not yet. */
export type WaitCheck<T> = { done: true; value: T } | { failed: string } | undefined;

export interface WaitRequest<T> {
  /** Who waits, for the error message, e.g. `waitForRestoreNext()`. */
  label: string;
  /** What it waits for, e.g. `the runtime to call GET /2018-06-01/runtime/restore/next`. */
  what: string;
  timeoutMs: number;
  check: () => WaitCheck<T>;
  /** Extra context for the timeout message, read when the time is up (e.g. the current state). */
  context: () => string;
}

interface PendingWait {
  evaluate: () => void;
  abandon: (reason: string) => void;
}

/**
 * Promises that settle when a condition on the emulator's state holds. The owner calls
 * `recheck()` after every state change; every wait is bounded so a test can never hang on one.
 */
export class ConditionWaiters {
  readonly #pending = new Set<PendingWait>();

  waitFor<T>(request: WaitRequest<T>): Promise<T> {
    let entry: PendingWait | undefined;
    const promise = new Promise<T>((resolve, reject) => {
      const finish = (): void => {
        clearTimeout(timer);
        if (entry) this.#pending.delete(entry);
      };
      const fail = (reason: string): void => {
        finish();
        reject(new Error(`${request.label}: ${reason}`));
      };
      const evaluate = (): void => {
        const outcome = request.check();
        if (outcome === undefined) return;
        if ('done' in outcome) {
          finish();
          resolve(outcome.value);
        } else {
          fail(outcome.failed);
        }
      };
      const timer = setTimeout(() => {
        fail(`timed out after ${request.timeoutMs} ms waiting for ${request.what} (${request.context()})`);
      }, request.timeoutMs);
      entry = {
        evaluate,
        abandon: (reason) => {
          // Abandoning is teardown: a caller that dropped the promise must not get an unhandled rejection.
          promise.catch(() => undefined);
          fail(reason);
        },
      };
      this.#pending.add(entry);
      evaluate();
    });
    return promise;
  }

  /** Re-evaluates every pending wait; call after each state change. */
  recheck(): void {
    for (const entry of [...this.#pending]) entry.evaluate();
  }

  /** Rejects every pending wait with `reason` (used when the emulator closes). */
  abandonAll(reason: string): void {
    for (const entry of [...this.#pending]) entry.abandon(reason);
  }
}
