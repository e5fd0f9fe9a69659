// What the emulate command and the processes it starts (the snapshot build, and each process
// started from the snapshot) tell each other: environment variables, exit codes, and the
// records the processes send back. Shared by both sides, so it imports nothing.

/** The build writes its record (JSON) to the file named by this variable. */
export const BUILD_RECORD_ENV = 'SNAPSHOT_RESTORE_EMULATE_BUILD_RECORD';

/**
 * An invoke whose event is `{ [CONTROL_EVENT_KEY]: 'report' }` never reaches the handler: the
 * process answers it with its `ProcessRecord`. The emulate command sends it after the real invokes.
 */
export const CONTROL_EVENT_KEY = 'snapshot-restore.emulate';

/** Set, a process started from the snapshot exits at once (the benchmark's floor: deserialisation alone). */
export const EXIT_AT_MAIN_ENV = 'SNAPSHOT_RESTORE_EMULATE_EXIT_AT_MAIN';

/** A process started from the snapshot (or plain) that fails writes what it got to (JSON) before it exits. */
export const RESTORE_RECORD_ENV = 'SNAPSHOT_RESTORE_EMULATE_RESTORE_RECORD';

/** `emulate --platform`: a start from a web app's snapshot says where it listens (a JSON line) on this file descriptor. */
export const READY_FD_ENV = 'SNAPSHOT_RESTORE_EMULATE_READY_FD';

/**
 * `emulate --platform`: the listening socket of the port the app was given (PORT), bound by emulate
 * and inherited on this file descriptor; the restore's replayed listen() on that port takes it
 * (listen-handoff.ts), so no other process can take the port between its choice and the app's bind.
 */
export const LISTEN_FD_ENV = 'SNAPSHOT_RESTORE_EMULATE_LISTEN_FD';

/** Exit codes of the snapshot build. */
export const BUILD_EXIT = {
  /** Init left a handle open: no snapshot can be taken (the build would hang or crash). */
  openHandles: 10,
  /** Init needs something Node cannot put in a startup snapshot: run plain processes instead. */
  unsupported: 11,
  /** Init or a before-snapshot hook failed. */
  failed: 12,
} as const;

/** One hook as it ran. */
export interface HookRun {
  name: string;
  /** `file:line:column` of the registration (mapped to the source when a source map is known). */
  site: string;
  durationMs: number;
  /** Set when the hook threw or timed out. */
  error?: string;
}

/** Something init left open that would keep a snapshot from being taken. */
export interface OpenHandle {
  /** `server`, `socket`, `timer`, or the resource type Node reports (`FSReqCallback`, ...). */
  kind: string;
  /** Readable: "a server listening on 127.0.0.1:4000", "an interval every 1000 ms". */
  description: string;
  /** Where it was created, when known (the first frame; the emulate command picks the user's own from `stack`). */
  site?: string;
  /** The stack where it was created, innermost first. */
  stack?: string[];
  /** A child process's id: emulate ends it (a detached one left the process group). */
  pid?: number;
}

/** A built-in module that init loaded although Node cannot snapshot it. */
export interface UnsupportedUse {
  module: string;
  /** The property init used (`request`, `createServer`). */
  property: string;
  /** The user's own line that led to it (set by the emulate command from `stack`). */
  site?: string;
  /** The stack at the use, innermost first. */
  stack?: string[];
}

/** What the snapshot build (or a plain process, for its own init) measured. */
export interface InitRecord {
  initMs: number;
  beforeSnapshotMs: number;
  beforeSnapshotHooks: HookRun[];
  /** Names of the after-restore hooks registered at init, in the order they will run. */
  afterRestoreRegistered: string[];
  openHandles: OpenHandle[];
  unsupported: UnsupportedUse[];
  /** Whether the module called `snapStart()` (an ESM handler for the stock runtime). */
  calledSnapStart: boolean;
  error?: { phase: 'init' | 'before-snapshot'; message: string };
  /** Init (or a before-snapshot hook) called `process.exit(code)`. */
  exit?: { code: number; stack: string[]; site?: string };
}

/** One value reachable from the handler's module scope, as seen after the restore. */
export interface ModuleValue {
  /** `bootId`, `state.connectionId`. */
  path: string;
  type: 'string' | 'number' | 'bigint' | 'date';
  /** The value as text (numbers and dates as their JSON form). */
  value: string;
}

/** What one process (started from the snapshot, or plain) reports about itself. */
export interface ProcessRecord {
  pid: number;
  mode: 'snapshot' | 'plain';
  /** Plain processes run init themselves. */
  init?: InitRecord;
  /** From the start of the process to its main function (snapshot: the deserialization). */
  mainAtMs: number;
  afterRestoreMs: number;
  afterRestoreHooks: HookRun[];
  moduleValues: ModuleValue[];
  /** The module values were more than the limits allow: the list was cut. */
  moduleValuesCut?: boolean;
}
