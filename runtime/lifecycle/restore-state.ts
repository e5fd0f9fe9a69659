// How many times this process was restored, and when the snapshot was taken: on globalThis under a
// registered symbol, like the hook registry, so that every copy of the runtime in the process
// (ESM and CommonJS builds, a bundled copy) agrees. It lives in the heap, so it is in the snapshot.
interface RestoreState {
  count: number;
  /** Wall-clock time (ms since the epoch) at the end of the before-snapshot phase, when it ran here. */
  snapshotAt?: number;
}

const KEY = Symbol.for('snapshot-restore.restores.v1');

export function restoreState(): RestoreState {
  const store = globalThis as { [KEY]?: RestoreState };
  return (store[KEY] ??= { count: 0 });
}

/** How many times this process has been restored from a snapshot (0 before, and outside SnapStart). */
export function restoreCount(): number {
  return restoreState().count;
}

/** True once this process runs from a restored snapshot (from the start of the after-restore phase). */
export function isRestored(): boolean {
  return restoreState().count > 0;
}
