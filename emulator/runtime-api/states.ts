/**
 * Where the runtime stands in Lambda's Runtime API state machine, as the emulator sees it.
 * The names follow the Runtime Interface Emulator's where one exists.
 */
export type EmulatorState =
  /** The process is initialising (and running before-snapshot hooks); it has called nothing yet. */
  | 'Started'
  /** Parked on `GET /runtime/restore/next`: this is where Lambda takes the snapshot. */
  | 'RestoreReady'
  /** `/restore/next` was answered; after-restore hooks run until the first `/invocation/next`. */
  | 'Restoring'
  /** Waiting on `GET /runtime/invocation/next` for an event. */
  | 'Ready'
  /** An event was handed out; its response or error has not come back yet. */
  | 'Running'
  /** The last event was answered; the runtime has not asked for the next one yet. */
  | 'ResponseSent'
  /** `POST /runtime/init/error` arrived during init. Terminal. */
  | 'InitError'
  /** `POST /runtime/restore/error` arrived, or the restore deadline passed. Terminal. */
  | 'RestoreError'
  /** An invoke ran past the function timeout (Lambda would reset the environment). Terminal. */
  | 'Timedout'
  /** The runtime process exited. Terminal. */
  | 'Exited'
  /** `close()` was called. Terminal. */
  | 'Closed';

const TERMINAL_STATES: ReadonlySet<EmulatorState> = new Set<EmulatorState>(['InitError', 'RestoreError', 'Timedout', 'Exited', 'Closed']);

/** A terminal state accepts no further runtime calls and fails every invoke. */
export function isTerminal(state: EmulatorState): boolean {
  return TERMINAL_STATES.has(state);
}
