import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { ConditionWaiters, type WaitCheck } from './condition-waiters.js';
import { fakeCredentials, newAuthorizationToken, type ContainerCredentials } from './credentials.js';
import { parseErrorBody } from './error-body.js';
import { validErrorType } from './error-type.js';
import { lambdaEnvironment, newLogStreamName } from './lambda-env.js';
import { readBody } from './request-body.js';
import { matchRoute, RUNTIME_API_BASE } from './routes.js';
import { isTerminal, type EmulatorState } from './states.js';
import { isStreamed, STREAMED_RESPONSE_LIMIT, streamedOutcome } from './streamed-response.js';
import { newTraceId } from './trace-id.js';
import type { EmulatorOptions, InvokeOptions, InvokeResult, LifecycleTimings, RecordedError, RuntimeApiCall, RuntimeExitInfo, WaitOptions } from './types.js';

const RESTORE_NEXT = `GET ${RUNTIME_API_BASE}/runtime/restore/next`;
const INVOCATION_NEXT = `GET ${RUNTIME_API_BASE}/runtime/invocation/next`;

/** One request being served: the call-log entry is updated when the answer is written. */
interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  call: RuntimeApiCall;
}

/** An event waiting to be picked up, or in flight. */
interface PendingInvoke {
  requestId: string;
  event: Buffer;
  headers: Record<string, string>;
  promise: Promise<InvokeResult>;
  resolve: (result: InvokeResult) => void;
  reject: (error: Error) => void;
  pickupTimer?: NodeJS.Timeout;
  functionTimer?: NodeJS.Timeout;
  dispatchedAt?: number;
}

interface ConnectionInfo {
  id: number;
  openedAt: number;
}

/**
 * A local AWS Lambda Runtime API (`/2018-06-01`) with the SnapStart state machine, on a real HTTP
 * server. Start it, point a runtime process at `env()`, then drive the lifecycle from a test:
 * `waitForRestoreNext()`, `restore()`, `invoke()`.
 */
export class RuntimeApiEmulator {
  /** The requests the runtime made, in arrival order: the latest `maxCalls` of them. */
  readonly calls: RuntimeApiCall[] = [];
  /** How many of the oldest calls were dropped from `calls` to bound its memory. */
  droppedCalls = 0;
  /** Lifecycle moments, for timing the restore. */
  readonly timings: LifecycleTimings = {};

  readonly #server: Server;
  readonly #startedAt = performance.now();
  readonly #waiters = new ConditionWaiters();

  readonly #snapStart: boolean;
  readonly #restoreTimeoutMs: number;
  readonly #functionName: string;
  readonly #functionVersion: string;
  readonly #functionTimeoutMs: number;
  readonly #memorySizeMb: number;
  readonly #region: string;
  readonly #accountId: string;
  readonly #handler: string | undefined;
  readonly #taskRoot: string | undefined;
  readonly #maxResponseBytes: number;
  readonly #maxEventBytes: number;
  readonly #maxCalls: number;
  readonly #waitTimeoutMs: number;
  readonly #authorizationToken = newAuthorizationToken();
  readonly #staticCredentials: ContainerCredentials = fakeCredentials();
  readonly #logStreamName: string;

  #state: EmulatorState = 'Started';
  #initError: RecordedError | undefined;
  #restoreError: RecordedError | undefined;
  /** Why the environment is finished, for invokes that arrive afterwards. */
  #environmentError: RecordedError | undefined;
  #exit: RuntimeExitInfo | undefined;

  #parkedRestoreNext: Exchange | undefined;
  #parkedInvocationNext: Exchange | undefined;
  #restoreTimer: NodeJS.Timeout | undefined;
  readonly #queue: PendingInvoke[] = [];
  #inFlight: PendingInvoke | undefined;
  /** Every request id handed to the runtime: others get 400, these 403 once answered. */
  readonly #issuedRequestIds = new Set<string>();

  readonly #connections = new Map<Socket, ConnectionInfo>();
  #connectionCount = 0;
  #closing: Promise<void> | undefined;
  #address = '';

  /** Starts the server on 127.0.0.1 and resolves once it listens. */
  static async start(options: EmulatorOptions = {}): Promise<RuntimeApiEmulator> {
    const emulator = new RuntimeApiEmulator(options);
    await emulator.#listen(options.port ?? 0);
    return emulator;
  }

  private constructor(options: EmulatorOptions) {
    this.#snapStart = options.snapStart ?? false;
    this.#restoreTimeoutMs = options.restoreTimeoutMs ?? 10_000;
    this.#functionName = options.functionName ?? 'function';
    this.#functionVersion = options.functionVersion ?? (this.#snapStart ? '1' : '$LATEST');
    this.#functionTimeoutMs = options.functionTimeoutMs ?? 3000;
    this.#memorySizeMb = options.memorySizeMb ?? 128;
    this.#region = options.region ?? 'us-east-1';
    this.#accountId = options.accountId ?? '123456789012';
    this.#handler = options.handler;
    this.#taskRoot = options.taskRoot;
    this.#maxResponseBytes = options.maxResponseBytes ?? 6 * 1024 * 1024;
    this.#maxEventBytes = options.maxEventBytes ?? 6 * 1024 * 1024;
    this.#maxCalls = options.maxCalls ?? 10_000;
    this.#waitTimeoutMs = options.waitTimeoutMs ?? 10_000;
    this.#logStreamName = newLogStreamName(this.#functionVersion);

    this.#server = createServer((req, res) => this.#handle(req, res));
    this.#server.on('connection', (socket: Socket) => {
      this.#connections.set(socket, { id: ++this.#connectionCount, openedAt: this.#now() });
      socket.on('close', () => this.#connections.delete(socket));
    });
  }

  /** `127.0.0.1:PORT`, the value for `AWS_LAMBDA_RUNTIME_API`. */
  get address(): string {
    return this.#address;
  }

  /** A readable name for where the runtime stands (see `EmulatorState`). */
  get state(): EmulatorState {
    return this.#state;
  }

  get snapStart(): boolean {
    return this.#snapStart;
  }

  /** What the runtime posted to `/init/error` during init, if anything. */
  get initError(): RecordedError | undefined {
    return this.#initError;
  }

  /** What the runtime posted to `/restore/error` (or `/init/error` while restoring), or the restore timeout. */
  get restoreError(): RecordedError | undefined {
    return this.#restoreError;
  }

  /** How the runtime process exited, once `notifyRuntimeExit()` was told. */
  get exit(): RuntimeExitInfo | undefined {
    return this.#exit;
  }

  /** From the empty 200 on `/restore/next` to the first `/invocation/next`: the lifecycle's restore cost. */
  get restoreDurationMs(): number | undefined {
    const { restoreAnsweredAt, firstInvocationNextAt } = this.timings;
    if (restoreAnsweredAt === undefined || firstInvocationNextAt === undefined) return undefined;
    return firstInvocationNextAt - restoreAnsweredAt;
  }

  /** The environment variables a runtime process needs to run against this emulator. */
  env(): Record<string, string> {
    return lambdaEnvironment({
      address: this.#address,
      snapStart: this.#snapStart,
      functionName: this.#functionName,
      functionVersion: this.#functionVersion,
      memorySizeMb: this.#memorySizeMb,
      region: this.#region,
      logStreamName: this.#logStreamName,
      authorizationToken: this.#authorizationToken,
      staticCredentials: this.#staticCredentials,
      ...(this.#handler === undefined ? {} : { handler: this.#handler }),
      ...(this.#taskRoot === undefined ? {} : { taskRoot: this.#taskRoot }),
    });
  }

  /** Resolves once the runtime has parked on `/restore/next`, i.e. init and before-snapshot hooks are done. */
  waitForRestoreNext(options: WaitOptions = {}): Promise<void> {
    if (!this.#snapStart) return Promise.reject(new Error('waitForRestoreNext(): the emulator was started without snapStart: true'));
    return this.#waitFor('waitForRestoreNext()', `the runtime to call ${RESTORE_NEXT}`, options, () => {
      if (this.timings.restoreNextAt !== undefined) return { done: true, value: undefined };
      if (this.#state === 'Started') return undefined;
      if (this.timings.firstInvocationNextAt !== undefined) {
        return { failed: `the runtime called ${INVOCATION_NEXT} without calling /restore/next first (the "Allow" path)` };
      }
      return { failed: this.#describeEnd() };
    });
  }

  /** Resolves once the runtime has called `/invocation/next` at least once: init (and restore) are over. */
  waitForInvocationNext(options: WaitOptions = {}): Promise<void> {
    return this.#waitFor('waitForInvocationNext()', `the runtime to call ${INVOCATION_NEXT}`, options, () => {
      if (this.timings.firstInvocationNextAt !== undefined) return { done: true, value: undefined };
      return isTerminal(this.#state) ? { failed: this.#describeEnd() } : undefined;
    });
  }

  /**
   * Releases the runtime parked on `/restore/next` with an empty 200 (waiting for it to park first,
   * if it has not yet), and starts the restore deadline. Resolves once the answer was written.
   */
  async restore(options: WaitOptions = {}): Promise<void> {
    if (!this.#snapStart) throw new Error('restore(): the emulator was started without snapStart: true');
    const parked = await this.#waitFor('restore()', `the runtime to call ${RESTORE_NEXT}`, options, () => {
      if (this.#state === 'Started') return undefined;
      if (this.#state === 'RestoreReady' && this.#parkedRestoreNext) return { done: true, value: this.#parkedRestoreNext };
      if (this.#state === 'RestoreReady') return { failed: 'the runtime disconnected from /restore/next before the restore' };
      if (this.timings.restoreAt !== undefined) return { failed: 'restore() was already called' };
      if (this.timings.firstInvocationNextAt !== undefined) {
        return { failed: `the runtime called ${INVOCATION_NEXT} without /restore/next: there is nothing to restore` };
      }
      return { failed: this.#describeEnd() };
    });

    if (this.#parkedRestoreNext !== parked || this.#state !== 'RestoreReady') {
      throw new Error(`restore(): the runtime left /restore/next before the restore (state: ${this.#state})`);
    }
    this.#parkedRestoreNext = undefined;
    this.timings.restoreAt = this.#now();
    this.#setState('Restoring');
    this.#restoreTimer = setTimeout(() => this.#restoreTimedOut(), this.#restoreTimeoutMs);

    // Lambda's answer after a restore: 200, an empty body, and no Lambda-Runtime-* headers.
    await this.#answer(parked, 200, { 'Content-Length': '0' });
    this.timings.restoreAnsweredAt = this.#now();
  }

  /**
   * Queues an event for the runtime and resolves with the outcome: the runtime's response or
   * error, or the failure of the environment (init or restore error, timeout, exit). Rejects only
   * when the event was never picked up in time, or the emulator closed.
   */
  invoke(event: unknown, options: InvokeOptions = {}): Promise<InvokeResult> {
    const requestId = randomUUID();
    if (this.#state === 'Closed') return Promise.reject(new Error('invoke(): the emulator is closed'));
    if (this.#environmentError) {
      return Promise.resolve({ requestId, ok: false, error: this.#environmentError, durationMs: 0 });
    }

    const headers: Record<string, string> = { 'Lambda-Runtime-Trace-Id': options.traceId ?? newTraceId() };
    if (options.clientContext !== undefined) headers['Lambda-Runtime-Client-Context'] = asHeaderJson(options.clientContext);
    if (options.identity !== undefined) headers['Lambda-Runtime-Cognito-Identity'] = asHeaderJson(options.identity);
    const body = event instanceof Uint8Array ? Buffer.from(event) : Buffer.from(JSON.stringify(event) ?? 'null');
    if (body.length > this.#maxEventBytes) {
      // Lambda refuses it at the Invoke API: the function never sees it.
      const message = `Request must be smaller than ${this.#maxEventBytes} bytes for the InvokeFunction operation`;
      return Promise.resolve({ requestId, ok: false, error: emulatorError('RequestEntityTooLargeException', message), durationMs: 0 });
    }
    const timeoutMs = options.timeoutMs ?? this.#waitTimeoutMs;

    let resolve!: (result: InvokeResult) => void;
    let reject!: (error: Error) => void;
    const promise = new Promise<InvokeResult>((resolveInvoke, rejectInvoke) => {
      resolve = resolveInvoke;
      reject = rejectInvoke;
    });
    const pending: PendingInvoke = { requestId, event: body, headers, promise, resolve, reject };
    pending.pickupTimer = setTimeout(() => {
      const index = this.#queue.indexOf(pending);
      if (index === -1) return;
      this.#queue.splice(index, 1);
      reject(new Error(`invoke(): timed out after ${timeoutMs} ms waiting for the runtime to call ${INVOCATION_NEXT} (state: ${this.#state})`));
    }, timeoutMs);
    this.#queue.push(pending);
    this.#dispatch();
    return promise;
  }

  /**
   * Tells the emulator the runtime process is gone: pending invokes fail with `Runtime.ExitError`
   * (as on Lambda) and waits end at once instead of timing out. `startRuntimeProcess()` calls it.
   */
  notifyRuntimeExit(exit: RuntimeExitInfo): void {
    this.#exit = exit;
    if (isTerminal(this.#state)) {
      this.#waiters.recheck();
      return;
    }
    const reason =
      exit.signal !== null
        ? `Runtime exited with error: signal: ${exit.signal}`
        : exit.code === 0
          ? 'Runtime exited without providing a reason'
          : `Runtime exited with error: exit status ${exit.code}`;
    this.#failEnvironment('Exited', emulatorError('Runtime.ExitError', reason));
  }

  /** Stops the server: ends parked long polls and open sockets, rejects pending invokes and waits. */
  close(): Promise<void> {
    this.#closing ??= this.#shutDown();
    return this.#closing;
  }

  async #shutDown(): Promise<void> {
    this.#state = 'Closed';
    clearTimeout(this.#restoreTimer);
    const closedError = new Error('the emulator was closed before the invoke finished');
    for (const pending of [this.#inFlight, ...this.#queue.splice(0)]) {
      if (!pending) continue;
      clearTimeout(pending.pickupTimer);
      clearTimeout(pending.functionTimer);
      // Closing is teardown: an invoke nobody awaits any more must not become an unhandled rejection.
      pending.promise.catch(() => undefined);
      pending.reject(closedError);
    }
    this.#inFlight = undefined;
    this.#waiters.abandonAll('the emulator was closed');

    const stopped = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    // Parked /restore/next and /invocation/next requests never end on their own.
    this.#server.closeAllConnections();
    for (const socket of this.#connections.keys()) socket.destroy();
    await stopped;
  }

  async #listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, '127.0.0.1', () => {
        this.#server.off('error', reject);
        resolve();
      });
    });
    const { address, port: actualPort } = this.#server.address() as AddressInfo;
    this.#address = `${address}:${actualPort}`;
  }

  // ---- request handling ----

  #handle(req: IncomingMessage, res: ServerResponse): void {
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', 'http://emulator').pathname;
    } catch {
      // A request target no URL parser takes (`GET http://a:b:c/`): refused, never fatal.
      pathname = '';
    }
    const connection = this.#connections.get(req.socket);
    const call: RuntimeApiCall = {
      method: req.method ?? 'GET',
      path: pathname,
      status: 0,
      at: this.#now(),
      connection: connection?.id ?? 0,
    };
    const { restoreAt } = this.timings;
    if (restoreAt !== undefined && connection !== undefined && connection.openedAt < restoreAt) {
      call.preSnapshotConnection = true;
    }
    this.calls.push(call);
    if (this.calls.length > this.#maxCalls) {
      this.calls.splice(0, this.calls.length - this.#maxCalls);
      this.droppedCalls++;
    }
    res.on('close', () => {
      call.endedAt ??= this.#now();
    });
    const exchange: Exchange = { req, res, call };
    if (pathname === '') return this.#refuse(exchange, 400, 'InvalidRequest', `Malformed request target: ${JSON.stringify(req.url)}`);

    this.#route(exchange, pathname).catch((error: unknown) => {
      if (!res.headersSent) this.#refuse(exchange, 500, 'InternalError', String(error));
      else res.destroy();
    });
  }

  async #route(ex: Exchange, pathname: string): Promise<void> {
    const match = matchRoute(ex.call.method, pathname, this.#snapStart);
    if (match.kind === 'not-found') {
      return this.#refuse(ex, 404, 'NotFound', `No such route: ${ex.call.method} ${pathname}`);
    }
    if (match.kind === 'wrong-method') {
      return this.#refuse(ex, 405, 'MethodNotAllowed', `${pathname} accepts ${match.allow} only`, { Allow: match.allow });
    }
    switch (match.name) {
      case 'invocation-next':
        return this.#onInvocationNext(ex);
      case 'restore-next':
        return this.#onRestoreNext(ex);
      case 'credentials':
        return this.#onCredentials(ex);
      case 'invocation-response':
        return this.#onInvocationResponse(ex, match.requestId ?? '');
      case 'invocation-error':
        return this.#onInvocationError(ex, match.requestId ?? '');
      case 'init-error':
        return this.#onInitError(ex);
      case 'restore-error':
        return this.#onRestoreError(ex);
    }
  }

  #onRestoreNext(ex: Exchange): void {
    if (this.#state !== 'Started') {
      const reason =
        this.timings.restoreNextAt !== undefined
          ? '/restore/next was already called'
          : this.timings.firstInvocationNextAt !== undefined
            ? '/restore/next cannot follow /invocation/next'
            : this.#describeEnd();
      return this.#refuseTransition(ex, reason);
    }
    // Parked with no timeout: on Lambda this request spans the snapshot, possibly for days.
    this.#parkedRestoreNext = ex;
    this.timings.restoreNextAt = ex.call.at;
    ex.res.on('close', () => {
      if (this.#parkedRestoreNext === ex) this.#parkedRestoreNext = undefined;
    });
    this.#setState('RestoreReady');
  }

  #onInvocationNext(ex: Exchange): void {
    if (this.#state === 'Restoring' && this.#now() - (this.timings.restoreAt ?? 0) > this.#restoreTimeoutMs) {
      // The timer may not have fired yet on a busy event loop; the deadline is what counts.
      this.#restoreTimedOut();
    }
    const from = this.#state;
    const accepted =
      from === 'Started' || // on-demand, or the SnapStart "Allow" path that never calls /restore/next
      from === 'Restoring' || // the restore phase ends here
      from === 'ResponseSent' ||
      (from === 'Ready' && this.#parkedInvocationNext === undefined); // the earlier poll was dropped
    if (!accepted) {
      const reason =
        from === 'RestoreReady'
          ? 'the runtime is parked on /restore/next; /invocation/next only comes after the restore'
          : from === 'Ready'
            ? 'the runtime is already waiting on /invocation/next'
            : from === 'Running'
              ? 'the current invoke has not been answered yet'
              : this.#describeEnd();
      return this.#refuseTransition(ex, reason);
    }
    if (from === 'Restoring') clearTimeout(this.#restoreTimer);
    this.timings.firstInvocationNextAt ??= ex.call.at;

    this.#parkedInvocationNext = ex;
    ex.res.on('close', () => {
      if (this.#parkedInvocationNext === ex) this.#parkedInvocationNext = undefined;
    });
    this.#setState('Ready');
    this.#dispatch();
  }

  async #onInvocationResponse(ex: Exchange, requestId: string): Promise<void> {
    const streamed = isStreamed(ex.req);
    const { body, tooLarge } = await readBody(ex.req, streamed ? STREAMED_RESPONSE_LIMIT : this.#maxResponseBytes);
    const pending = this.#acceptAnswerFor(ex, requestId);
    if (!pending) return;

    if (tooLarge) {
      const limit = streamed ? STREAMED_RESPONSE_LIMIT : this.#maxResponseBytes;
      const message = `Response payload size exceeded maximum allowed payload size (${limit} bytes).`;
      this.#settle(pending, { ok: false, error: emulatorError('Function.ResponseSizeTooLarge', message) });
      this.#setState('ResponseSent');
      return this.#refuse(ex, 413, 'RequestEntityTooLarge', `Exceeded maximum allowed payload size (${limit} bytes).`);
    }
    if (streamed) {
      // Lambda's streaming mode: the body and its error trailers (streamed-response.ts).
      this.#settle(pending, streamedOutcome(ex.req, body));
      this.#setState('ResponseSent');
      return this.#sendJson(ex, 202, { status: 'OK' });
    }
    const rawPayload = body.toString('utf8');
    this.#settle(pending, { ok: true, payload: parseJsonOrText(rawPayload), rawPayload });
    this.#setState('ResponseSent');
    this.#sendJson(ex, 202, { status: 'OK' });
  }

  async #onInvocationError(ex: Exchange, requestId: string): Promise<void> {
    const { body } = await readBody(ex.req, this.#maxResponseBytes);
    const pending = this.#acceptAnswerFor(ex, requestId);
    if (!pending) return;

    const error = recordError(ex.req, body);
    ex.call.errorType = error.errorType;
    this.#settle(pending, { ok: false, error });
    this.#setState('ResponseSent');
    this.#sendJson(ex, 202, { status: 'OK' });
  }

  async #onInitError(ex: Exchange): Promise<void> {
    const { body } = await readBody(ex.req, this.#maxResponseBytes);
    const from = this.#state;
    if (from !== 'Started' && from !== 'RestoreReady' && from !== 'Restoring') {
      return this.#refuseTransition(ex, this.#isServing() ? 'init is over' : this.#describeEnd());
    }
    const error = recordError(ex.req, body);
    ex.call.errorType = error.errorType;
    if (from === 'Restoring') {
      // Lambda counts an init error sent while restoring as a restore error.
      this.#restoreError = error;
      this.#failEnvironment('RestoreError', error);
    } else {
      this.#initError = error;
      this.#failEnvironment('InitError', error);
    }
    this.#sendJson(ex, 202, { status: 'OK' });
  }

  async #onRestoreError(ex: Exchange): Promise<void> {
    const { body } = await readBody(ex.req, this.#maxResponseBytes);
    if (this.#state !== 'Restoring') {
      const reason =
        this.#state === 'Started' || this.#state === 'RestoreReady' ? 'the restore has not happened yet' : this.#isServing() ? 'the restore phase is over' : this.#describeEnd();
      return this.#refuseTransition(ex, reason);
    }
    const error = recordError(ex.req, body);
    ex.call.errorType = error.errorType;
    this.#restoreError = error;
    this.#failEnvironment('RestoreError', error);
    this.#sendJson(ex, 202, { status: 'OK' });
  }

  #onCredentials(ex: Exchange): void {
    if (ex.req.headers.authorization !== this.#authorizationToken) {
      return this.#refuse(ex, 401, 'UnauthorizedException', 'Missing or wrong Authorization token (see AWS_CONTAINER_AUTHORIZATION_TOKEN)');
    }
    this.#sendJson(ex, 200, fakeCredentials());
  }

  /**
   * Checks that an answer (response or error) is for the invoke in flight. An id never handed out
   * is a 400; a known id that is no longer in flight is a wrong state transition (403).
   */
  #acceptAnswerFor(ex: Exchange, requestId: string): PendingInvoke | undefined {
    if (!this.#issuedRequestIds.has(requestId)) {
      this.#refuse(ex, 400, 'InvalidRequestID', `Unknown request id: ${requestId}`);
      return undefined;
    }
    const pending = this.#inFlight;
    if (this.#state !== 'Running' || pending?.requestId !== requestId) {
      const reason = isTerminal(this.#state) ? this.#describeEnd() : `invoke ${requestId} is not in flight (already answered?)`;
      this.#refuseTransition(ex, reason);
      return undefined;
    }
    return pending;
  }

  // ---- invokes ----

  /** Hands the oldest queued event to the runtime, if it is waiting for one. */
  #dispatch(): void {
    const parked = this.#parkedInvocationNext;
    if (this.#state !== 'Ready' || !parked || this.#queue.length === 0) return;
    const pending = this.#queue.shift() as PendingInvoke;
    clearTimeout(pending.pickupTimer);
    this.#parkedInvocationNext = undefined;
    this.#inFlight = pending;
    this.#issuedRequestIds.add(pending.requestId);
    pending.dispatchedAt = this.#now();
    this.#setState('Running');

    const functionArn = `arn:aws:lambda:${this.#region}:${this.#accountId}:function:${this.#functionName}`;
    const headers: OutgoingHttpHeaders = {
      'Content-Type': 'application/json',
      'Content-Length': String(pending.event.length),
      'Lambda-Runtime-Aws-Request-Id': pending.requestId,
      'Lambda-Runtime-Deadline-Ms': String(Date.now() + this.#functionTimeoutMs),
      'Lambda-Runtime-Invoked-Function-Arn': this.#functionVersion === '$LATEST' ? functionArn : `${functionArn}:${this.#functionVersion}`,
      ...pending.headers,
    };
    parked.call.status = 200;
    parked.res.writeHead(200, headers);
    parked.res.end(pending.event);
    parked.call.endedAt = this.#now();

    pending.functionTimer = setTimeout(() => {
      if (this.#inFlight !== pending) return;
      const seconds = (this.#functionTimeoutMs / 1000).toFixed(2);
      this.#failEnvironment('Timedout', emulatorError('Sandbox.Timedout', `Task timed out after ${seconds} seconds`));
    }, this.#functionTimeoutMs);
  }

  #settle(pending: PendingInvoke, outcome: Omit<InvokeResult, 'requestId' | 'durationMs'>): void {
    clearTimeout(pending.pickupTimer);
    clearTimeout(pending.functionTimer);
    if (this.#inFlight === pending) this.#inFlight = undefined;
    const durationMs = pending.dispatchedAt === undefined ? 0 : this.#now() - pending.dispatchedAt;
    pending.resolve({ requestId: pending.requestId, ...outcome, durationMs });
  }

  // ---- failures and state ----

  #restoreTimedOut(): void {
    if (this.#state !== 'Restoring') return;
    const error = emulatorError(
      'Runtime.RestoreHookUserTimeout',
      `The runtime did not call /runtime/invocation/next within ${this.#restoreTimeoutMs} ms of the restore (after-restore hooks took too long)`,
    );
    this.#restoreError = error;
    this.#failEnvironment('RestoreError', error);
  }

  /** Ends the environment: every invoke in flight or queued, and every later one, fails with `error`. */
  #failEnvironment(state: EmulatorState, error: RecordedError): void {
    clearTimeout(this.#restoreTimer);
    this.#environmentError = error;
    this.#setState(state, false);
    if (this.#inFlight) this.#settle(this.#inFlight, { ok: false, error });
    for (const pending of this.#queue.splice(0)) this.#settle(pending, { ok: false, error });
    // Nobody will answer a parked long poll any more.
    for (const parked of [this.#parkedRestoreNext, this.#parkedInvocationNext]) parked?.res.destroy();
    this.#parkedRestoreNext = undefined;
    this.#parkedInvocationNext = undefined;
    this.#waiters.recheck();
  }

  #setState(state: EmulatorState, recheck = true): void {
    this.#state = state;
    if (recheck) this.#waiters.recheck();
  }

  /** True once the runtime serves invokes (init and restore are over). */
  #isServing(): boolean {
    return this.#state === 'Ready' || this.#state === 'Running' || this.#state === 'ResponseSent';
  }

  /** Why the environment is over, for error messages. */
  #describeEnd(): string {
    switch (this.#state) {
      case 'InitError':
        return `init failed (${this.#initError?.errorType}: ${this.#initError?.errorMessage})`;
      case 'RestoreError':
        return `the restore failed (${this.#restoreError?.errorType}: ${this.#restoreError?.errorMessage})`;
      case 'Timedout':
        return 'an invoke timed out; the environment is finished';
      case 'Exited':
        return `the runtime exited (code ${this.#exit?.code ?? 'none'}, signal ${this.#exit?.signal ?? 'none'})`;
      case 'Closed':
        return 'the emulator was closed';
      default:
        return `not allowed in state ${this.#state}`;
    }
  }

  #waitFor<T>(label: string, what: string, options: WaitOptions, check: () => WaitCheck<T>): Promise<T> {
    return this.#waiters.waitFor({
      label,
      what,
      timeoutMs: options.timeoutMs ?? this.#waitTimeoutMs,
      check: () => (this.#state === 'Closed' ? { failed: 'the emulator was closed' } : check()),
      context: () => `state: ${this.#state}`,
    });
  }

  #now(): number {
    return performance.now() - this.#startedAt;
  }

  // ---- answers ----

  #answer(ex: Exchange, status: number, headers: OutgoingHttpHeaders, body?: Buffer | string): Promise<void> {
    ex.call.status = status;
    return new Promise<void>((resolve, reject) => {
      let written = false;
      ex.res.once('close', () => {
        if (!written) reject(new Error(`the runtime disconnected before the answer to ${ex.call.method} ${ex.call.path} was sent`));
      });
      ex.res.writeHead(status, headers);
      ex.res.end(body, () => {
        written = true;
        ex.call.endedAt = this.#now();
        resolve();
      });
    });
  }

  #sendJson(ex: Exchange, status: number, value: unknown, extraHeaders: OutgoingHttpHeaders = {}): void {
    const body = JSON.stringify(value);
    this.#answer(
      ex,
      status,
      {
        'Content-Type': 'application/json',
        'Content-Length': String(Buffer.byteLength(body)),
        ...extraHeaders,
      },
      body,
    ).catch(() => {
      // The client went away; nothing to tell it.
    });
  }

  #refuse(ex: Exchange, status: number, errorType: string, errorMessage: string, extraHeaders: OutgoingHttpHeaders = {}): void {
    ex.call.errorType = errorType;
    this.#sendJson(ex, status, { errorMessage, errorType }, extraHeaders);
  }

  #refuseTransition(ex: Exchange, reason: string): void {
    this.#refuse(ex, 403, 'InvalidStateTransition', `${ex.call.method} ${ex.call.path} refused in state ${this.#state}: ${reason}`);
  }
}

/** Records an error post the way Lambda does: validated type from the header, body parsed when it is JSON. */
function recordError(req: IncomingMessage, body: Buffer): RecordedError {
  const header = req.headers['lambda-runtime-function-error-type'];
  const sent = Array.isArray(header) ? header[0] : header;
  const raw = body.toString('utf8');
  const parsed = parseErrorBody(raw);
  return {
    errorType: validErrorType(sent),
    ...(sent === undefined ? {} : { sentErrorType: sent }),
    errorMessage: typeof parsed?.errorMessage === 'string' ? parsed.errorMessage : '',
    ...(parsed === undefined ? {} : { body: parsed }),
    raw,
  };
}

/** An error the emulator raises itself (timeouts, exits), shaped like a posted one. */
function emulatorError(errorType: string, errorMessage: string): RecordedError {
  const body = { errorMessage, errorType };
  return { errorType, errorMessage, body, raw: JSON.stringify(body) };
}

function asHeaderJson(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function parseJsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
