// Priming: representative work before the snapshot, so that the JIT has compiled the handler's
// path and its lazily loaded modules are in the heap the snapshot keeps (what Java's SdkWarmUp
// and .NET's before-snapshot requests do). The handler is called with a sample event while
// outbound connections are refused (every TCP connection of node:net, node:tls, node:http and
// fetch goes through net.Socket.prototype.connect), unless allowed; what was refused, and what the
// call changed in globalThis and process.env, is reported.
import { Socket } from 'node:net';

export interface PrimeOptions {
  /** Hosts (or `host:port`) that may be reached while priming, or a function that decides. Default: none. */
  allow?: string[] | ((host: string, port: number) => boolean);
  /** How many times to call the handler. Default 1. */
  times?: number;
  /** The context object passed to the handler. Default: a Lambda-shaped context for priming. */
  context?: Record<string, unknown>;
}

export interface PrimeReport {
  calls: number;
  durationMs: number;
  /** The handler's error, when a call threw or rejected (priming goes on: it is only a warm-up). */
  errors: string[];
  /** Connections refused: `host:port` and the first line of the stack that opened it. */
  refused: Array<{ target: string; site: string }>;
  allowed: string[];
  /** Side effects seen: global names the calls added, environment variables they set or changed. */
  globalsAdded: string[];
  envChanged: string[];
}

// Any handler shape: (event, context) => Promise, or (event, context, callback).
type Handler = (event: any, context: any, callback?: any) => unknown;

/** Calls `handler` with `sampleEvent` (before the snapshot), with outbound network refused unless allowed. */
export async function prime(handler: Handler, sampleEvent: unknown, options: PrimeOptions = {}): Promise<PrimeReport> {
  const report: PrimeReport = { calls: 0, durationMs: 0, errors: [], refused: [], allowed: [], globalsAdded: [], envChanged: [] };
  const allowed = allowFunction(options.allow);
  const globals = new Set(Reflect.ownKeys(globalThis));
  const env = { ...process.env };
  const connect = Socket.prototype.connect;
  Socket.prototype.connect = function primingConnect(this: Socket, ...args: unknown[]) {
    const { host, port } = targetOf(args);
    const target = `${host}:${port}`;
    if (allowed(host, port)) {
      report.allowed.push(target);
      return (connect as (...a: unknown[]) => Socket).apply(this, args);
    }
    report.refused.push({ target, site: callerSite() });
    const error = Object.assign(new Error(`connect ECONNREFUSED ${target} (refused while priming: allow it with prime()'s allow option)`), { code: 'ECONNREFUSED' });
    process.nextTick(() => this.destroy(error));
    return this;
  } as typeof connect;
  const started = performance.now();
  try {
    for (let i = 0; i < Math.max(1, options.times ?? 1); i++) {
      report.calls++;
      try {
        await call(handler, sampleEvent, options.context ?? primingContext());
      } catch (error) {
        report.errors.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      }
    }
  } finally {
    Socket.prototype.connect = connect;
    report.durationMs = performance.now() - started;
  }
  report.globalsAdded = Reflect.ownKeys(globalThis)
    .filter((key) => !globals.has(key))
    .map(String);
  report.envChanged = Object.keys(process.env).filter((key) => process.env[key] !== env[key]);
  return report;
}

function allowFunction(allow: PrimeOptions['allow']): (host: string, port: number) => boolean {
  if (typeof allow === 'function') return allow;
  const list = new Set(allow ?? []);
  return (host, port) => list.has(host) || list.has(`${host}:${port}`);
}

/** connect(options), connect(port, host), connect(path) and Node's internal [options, callback] form. */
function targetOf(args: unknown[]): { host: string; port: number } {
  let first = args[0];
  if (Array.isArray(first)) first = first[0];
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: string; port?: number | string; path?: string };
    if (options.path) return { host: options.path, port: 0 };
    return { host: options.host ?? 'localhost', port: Number(options.port ?? 0) };
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) return { host: first, port: 0 };
  return { host: typeof args[1] === 'string' ? args[1] : 'localhost', port: Number(first) };
}

function callerSite(): string {
  const holder: { stack?: string } = {};
  Error.captureStackTrace(holder, callerSite);
  const frames = holder.stack?.split('\n').slice(1) ?? [];
  const own = frames.find((frame) => !/\(node:|\bnode:internal|primingConnect/.test(frame)) ?? frames[0] ?? '';
  return own.trim().replace(/^at /, '');
}

function call(handler: Handler, event: unknown, context: unknown): Promise<unknown> {
  // A callback handler (three parameters) answers through its callback.
  if (handler.length >= 3) {
    return new Promise((resolve, reject) => {
      const result = handler(event, context, (error: unknown, value?: unknown) => (error ? reject(error) : resolve(value)));
      if (result && typeof (result as Promise<unknown>).then === 'function') (result as Promise<unknown>).then(resolve, reject);
    });
  }
  return Promise.resolve().then(() => handler(event, context));
}

function primingContext(): Record<string, unknown> {
  const deadline = Date.now() + 60_000;
  return {
    awsRequestId: 'snapshot-restore-priming',
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'priming',
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION ?? '$LATEST',
    invokedFunctionArn: '',
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '128',
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME ?? '',
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME ?? '',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done() {},
    fail() {},
    succeed() {},
  };
}
