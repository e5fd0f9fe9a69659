import type { EmulatorState } from './states.js';

export interface EmulatorOptions {
  /** Serve the SnapStart lifecycle (restore routes, `snap-start` initialization type). Default false. */
  snapStart?: boolean;
  /** Time allowed from `restore()` to the runtime's first `/invocation/next`. Default 10 000 (Lambda's). */
  restoreTimeoutMs?: number;
  /** Default `function`. */
  functionName?: string;
  /** Default `1` with SnapStart (it only applies to published versions), `$LATEST` otherwise. */
  functionVersion?: string;
  /** Sets `Lambda-Runtime-Deadline-Ms`; an invoke not answered by then fails with `Sandbox.Timedout`. Default 3000. */
  functionTimeoutMs?: number;
  /** Default 128. */
  memorySizeMb?: number;
  /** Default `us-east-1`. */
  region?: string;
  /** Used in the invoked function ARN. Default `123456789012`. */
  accountId?: string;
  /** `_HANDLER` in `env()`, when given. */
  handler?: string;
  /** `LAMBDA_TASK_ROOT` in `env()`, when given. */
  taskRoot?: string;
  /** Largest accepted response (and error) body. Default 6 MiB (6 291 456 bytes). */
  maxResponseBytes?: number;
  /** Largest accepted event; a bigger one is refused as Lambda's Invoke API does. Default 6 MiB (6 291 456 bytes). */
  maxEventBytes?: number;
  /** How many calls `calls` keeps (the latest); older ones are dropped and counted. Default 10 000. */
  maxCalls?: number;
  /** Default bound for `waitFor*()`, `restore()` and an invoke waiting to be picked up. Default 10 000. */
  waitTimeoutMs?: number;
  /** Port on 127.0.0.1. Default 0 (any free port). */
  port?: number;
}

/** Bounds a wait; defaults to the emulator's `waitTimeoutMs`. */
export interface WaitOptions {
  timeoutMs?: number;
}

export interface InvokeOptions extends WaitOptions {
  /** Sent as `Lambda-Runtime-Client-Context`: a string as is, anything else as JSON. */
  clientContext?: unknown;
  /** Sent as `Lambda-Runtime-Cognito-Identity`: a string as is, anything else as JSON. */
  identity?: unknown;
  /** `Lambda-Runtime-Trace-Id`; a fresh X-Ray id by default. */
  traceId?: string;
  // timeoutMs (from WaitOptions) bounds the wait for the runtime to pick the event up; once
  // picked up, the function timeout applies instead.
}

/** An error body as runtimes post it (`stackTrace`, or `trace` from the Node.js client, normalised to `stackTrace`). */
export interface ErrorBody {
  errorMessage?: string;
  errorType?: string;
  stackTrace?: string[];
  [key: string]: unknown;
}

/** An error as the emulator recorded it: posted by the runtime, or raised by the emulator itself. */
export interface RecordedError {
  /** The validated `Lambda-Runtime-Function-Error-Type` (`Runtime.Unknown` when missing or invalid), or the emulator's own type. */
  errorType: string;
  /** The header exactly as sent, when there was one. */
  sentErrorType?: string;
  /** `errorMessage` from the body ('' when there is none). */
  errorMessage: string;
  /** The body parsed, when it was a JSON object. */
  body?: ErrorBody;
  /** The body as sent. */
  raw: string;
}

export interface InvokeResult {
  requestId: string;
  /** True when the runtime posted a response that was accepted. */
  ok: boolean;
  /** The response parsed as JSON, or its text when it is not JSON. */
  payload?: unknown;
  /** The response text. */
  rawPayload?: string;
  /** Why the invoke failed: the runtime's error post, or an environment failure. */
  error?: RecordedError;
  /** From handing the event to the runtime to its answer; 0 when it was never handed out. */
  durationMs: number;
}

/** One request the runtime made, in arrival order. */
export interface RuntimeApiCall {
  method: string;
  path: string;
  /** The status answered; 0 while the request is still open (a parked long poll) or when it was dropped. */
  status: number;
  /** Arrival, in ms since the emulator started. */
  at: number;
  /** When the answer was sent or the request dropped, in ms since the emulator started. */
  endedAt?: number;
  /** For error posts the recorded error type; for refused requests the `errorType` answered. */
  errorType?: string;
  /** Which TCP connection carried it (1, 2, ...), to see keep-alive reuse. */
  connection: number;
  /**
   * True when the request came after `restore()` on a connection opened before it. After a real
   * restore such a socket is dead: runtimes must open fresh connections.
   */
  preSnapshotConnection?: true;
}

/** Moments of the lifecycle, in ms since the emulator started. */
export interface LifecycleTimings {
  /** The runtime parked on `/restore/next` (init and before-snapshot hooks done). */
  restoreNextAt?: number;
  /** `restore()` was called: the restore deadline starts here. */
  restoreAt?: number;
  /** The empty 200 answer to `/restore/next` was written. */
  restoreAnsweredAt?: number;
  /** The first `GET /invocation/next` arrived (after the restore, under SnapStart). */
  firstInvocationNextAt?: number;
}

export interface RuntimeExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export type { EmulatorState };
