// What the audited process (the preload and the runner in it) and the audit in the parent tell
// each other: environment variables and the record the process writes. Imports nothing, so the
// preload bundles it without pulling anything else in.

/** The process writes its record (JSON) to the file this variable names. */
export const AUDIT_RECORD_ENV = 'SNAPSHOT_RESTORE_AUDIT_RECORD';
/** `<tcp port>,<udp port>[,<token>]` of the parent's local sink on 127.0.0.1: every connection goes there; the token starts the process's control datagrams. */
export const AUDIT_SINK_ENV = 'SNAPSHOT_RESTORE_AUDIT_SINK';
/** Milliseconds the runner gives init and the before-snapshot hooks before it reports what it saw. */
export const AUDIT_DEADLINE_ENV = 'SNAPSHOT_RESTORE_AUDIT_DEADLINE_MS';
/** The preload installs its collector on globalThis under `Symbol.for(COLLECTOR_KEY)`. */
export const COLLECTOR_KEY = 'snapshot-restore.audit.collector';

export type ObservationKind = 'socket' | 'datagram' | 'timer' | 'random' | 'key' | 'clock' | 'credential' | 'child' | 'server' | 'file';

/** One thing init did, from one stack (the same call from the same place is counted, not repeated). */
export interface Observation {
  /** Its number in the process, for the values that carry its randomness (taint.ts). */
  id: number;
  kind: ObservationKind;
  /** What was called: `Math.random`, `crypto.randomBytes`, `net.Socket.connect`, `setInterval`, or the variable read. */
  what: string;
  /** The destination (`db.example.com:5432`), the delay, the command: never a value read or drawn. */
  detail?: string;
  /** The stack at the call, innermost first, as `file:line:column` sites. */
  stack: string[];
  /** Where the asynchronous work that made the call was queued from, nearest first (a library's nextTick, its maker). */
  origins?: string[][];
  /** How many times this call was made from this stack. */
  count: number;
  /** Whether it happened in init or in a before-snapshot hook. */
  phase: 'init' | 'before-snapshot';
  /** For what can stay open (sockets, timers, children, servers, files): whether it still was at the snapshot point. */
  openAtSnapshot?: boolean;
  /** A child process's id, to end it (and say so). */
  pid?: number;
}

/** How init ended. */
export type InitOutcome =
  | { state: 'finished' }
  /** Init (or a before-snapshot hook) threw, or an error was not caught. */
  | { state: 'failed'; phase: 'init' | 'before-snapshot'; message: string; stack: string[] }
  /** Nothing could happen any more: init waits on connections the sink holds and nothing else. */
  | { state: 'waiting-on-sink' }
  /** The event loop emptied with init still pending: it awaits a promise that never settles. */
  | { state: 'never-settles' }
  | { state: 'deadline'; ms: number }
  | { state: 'exit'; code: number; stack: string[] };

export interface AuditRecord {
  outcome: InitOutcome;
  observations: Observation[];
  beforeSnapshotHooks: Array<{ name: string; site: string; error?: string }>;
  /** Whether the module called `snapStart()`. */
  calledSnapStart: boolean;
  initMs: number;
  /** CPU time (user and system) the process spent in init, in ms. */
  initCpuMs: number;
  /** The observations were more than the limit: the list was cut. */
  cut?: boolean;
  /** What the user's module-scope variables held at the snapshot point (bindings.ts), by accessor id. */
  bindings?: BindingValue[];
  /** The wrapped modules of the user's (bindings.ts: `lazy`) whose top level ran, by index. */
  modulesRan?: number[];
}

/** A module-scope variable of the user's code at the snapshot point: what it is, and which draws it carries. */
export interface BindingValue {
  id: number;
  shape: 'unset' | 'primitive' | 'bytes' | 'key' | 'service' | 'function' | 'object';
  /** Ids of the observations whose randomness the value carries. */
  carries: number[];
  /** It carries that randomness as bytes (a buffer, a binary string, a key), not as an ID made from it. */
  asBytes: boolean;
  /** A binary string (one byte a character, not text). */
  binary?: boolean;
  /** Ids of the clock reads whose time the value keeps (not through a client or task it holds): a Date a read made, or a time only one read gave. */
  clock?: number[];
  /** Clock reads whose time the value may keep: a time several reads gave (the same millisecond), so which one is not known. */
  clockShared?: number[];
  /** It holds the credentials the sink served the function (or text made from them: a presigned token). */
  credential?: boolean;
}

/** Where the accessors of the user's module-scope variables register (`globalThis[Symbol.for(...)]`, an array). */
export const BINDINGS_KEY = 'snapshot-restore.audit.bindings';
/** What an accessor answers for a variable still in its temporal dead zone. */
export const UNSET_KEY = 'snapshot-restore.audit.unset';
/** Where each wrapped module of the user's says that its top level ran (bindings.ts). */
export const MODULES_RAN_KEY = 'snapshot-restore.audit.modules-ran';
/** Where the audited process's container credentials come from (AWS_CONTAINER_CREDENTIALS_FULL_URI): a path on the sink. */
export const CREDENTIALS_PATH = '/2018-06-01/credentials';
