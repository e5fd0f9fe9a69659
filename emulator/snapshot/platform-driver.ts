// The two HTTP snapshot platforms as clients, playing what each documents against an app on
// loopback: Lambda Web Adapter's SnapStart bridge (readiness check at init, an empty POST to the
// before-checkpoint path, the snapshot, an empty POST to the after-restore path, the readiness check
// again, unbounded unless limited) and Lambda MicroVMs' hooks (ready and validate asked again while
// they answer 503, run with its payload, suspend/resume, terminate; suspend and terminate may be sent
// again). `emulate --platform` drives apps with them, and the contract tests drive each adapter.

export interface Call {
  call: string;
  path: string;
  /** The HTTP status, or `timeout` when the platform's per-call limit passed, or `error` for a transport failure. */
  status: number | 'timeout' | 'error';
  durationMs: number;
  body: string;
  attempts: number;
}

export interface PostOptions {
  body?: string;
  /** The platform's limit on one call. */
  limitMs: number;
  method?: string;
}

export async function send(base: string, path: string, options: PostOptions): Promise<Omit<Call, 'call' | 'attempts'>> {
  const started = performance.now();
  try {
    const response = await fetch(new URL(path, base), {
      method: options.method ?? 'POST',
      body: options.body,
      signal: AbortSignal.timeout(options.limitMs),
      headers: options.body === undefined ? {} : { 'content-type': 'application/json' },
    });
    const body = await response.text();
    return { path, status: response.status, durationMs: performance.now() - started, body };
  } catch (error) {
    const timeout = (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError';
    return { path, status: timeout ? 'timeout' : 'error', durationMs: performance.now() - started, body: (error as Error).message };
  }
}

const ok = (status: Call['status']) => typeof status === 'number' && status >= 200 && status < 300;

/** The platform's pause between two asks: none by default (tests), a few ms for a process that is still starting. */
const pause = (ms = 0) => new Promise((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve)));

export interface LwaConfig {
  beforeCheckpointPath?: string;
  afterRestorePath?: string;
  readinessPath?: string;
  /** The adapter's per-call limit (60 s on AWS). */
  hookLimitMs?: number;
  /** AWS_LWA_READINESS_CHECK_TIMEOUT_SECONDS; unset: the adapter waits without bound (here: maxPolls). */
  readinessLimitPolls?: number;
  /** Pause between two readiness checks (the adapter polls every few ms). */
  pauseMs?: number;
}

export class LwaDriver {
  readonly calls: Call[] = [];
  constructor(
    readonly base: string,
    readonly config: LwaConfig,
  ) {}

  /** The adapter's readiness check: healthy is 100-499 (its default); polls until healthy. */
  async readiness(label: string): Promise<Call> {
    const limit = this.config.readinessLimitPolls ?? 10_000;
    let attempts = 0;
    for (;;) {
      attempts++;
      const result = await send(this.base, this.config.readinessPath ?? '/', { method: 'GET', limitMs: 5_000 });
      const healthy = typeof result.status === 'number' && result.status >= 100 && result.status < 500;
      if (healthy || attempts >= limit) return this.record(label, result, attempts);
      await pause(this.config.pauseMs);
    }
  }

  /** Probes readiness once, as a test asks "would the adapter see ready now?". */
  async readinessOnce(): Promise<number | 'timeout' | 'error'> {
    return (await send(this.base, this.config.readinessPath ?? '/', { method: 'GET', limitMs: 5_000 })).status;
  }

  async beforeCheckpoint(): Promise<Call> {
    if (!this.config.beforeCheckpointPath) throw new Error('no before-checkpoint path: the adapter calls nothing');
    return this.record('before-checkpoint', await send(this.base, this.config.beforeCheckpointPath, { limitMs: this.config.hookLimitMs ?? 60_000 }), 1);
  }

  /** After restore: the hook, then (only if it succeeded) the readiness check again. */
  async afterRestore(): Promise<{ hook: Call; readiness?: Call }> {
    if (!this.config.afterRestorePath) throw new Error('no after-restore path: the adapter calls nothing');
    const hook = this.record('after-restore', await send(this.base, this.config.afterRestorePath, { limitMs: this.config.hookLimitMs ?? 60_000 }), 1);
    if (!ok(hook.status)) return { hook };
    return { hook, readiness: await this.readiness('readiness after restore') };
  }

  private record(call: string, result: Omit<Call, 'call' | 'attempts'>, attempts: number): Call {
    const entry = { call, attempts, ...result };
    this.calls.push(entry);
    return entry;
  }
}

export const MICROVM_PREFIX = '/aws/lambda-microvms/runtime/v1/';

export interface MicrovmConfig {
  /** Each hook's configured timeout (readyTimeoutInSeconds …), in ms. */
  limitMs?: Partial<Record<'ready' | 'validate' | 'run' | 'resume' | 'suspend' | 'terminate', number>>;
  /** How many times ready/validate are asked while they answer 503 before the build fails. */
  maxRetries?: number;
  /** Pause between two asks while ready/validate answer 503 or the app is not listening yet. */
  pauseMs?: number;
}

export class MicrovmDriver {
  readonly calls: Call[] = [];
  constructor(
    readonly base: string,
    readonly config: MicrovmConfig = {},
  ) {}

  /** ready or validate: 503 = not yet, asked again; anything else is the answer. */
  async untilDone(hook: 'ready' | 'validate', beforeRetry?: (attempt: number) => void | Promise<void>): Promise<Call> {
    const max = this.config.maxRetries ?? 1_000;
    let attempts = 0;
    let starting = 0;
    for (;;) {
      attempts++;
      const result = await send(this.base, MICROVM_PREFIX + hook, { limitMs: this.config.limitMs?.[hook] ?? 60_000 });
      // Not listening yet (the process is starting): waited for, not counted as an ask.
      if (result.status === 'error' && this.config.pauseMs !== undefined && starting++ < 3_000) {
        attempts--;
        await pause(this.config.pauseMs);
        continue;
      }
      if (result.status !== 503 || attempts >= max) return this.record(hook, result, attempts);
      await beforeRetry?.(attempts);
      await pause(this.config.pauseMs);
    }
  }

  async call(hook: 'run' | 'resume' | 'suspend' | 'terminate', body?: string): Promise<Call> {
    return this.record(hook, await send(this.base, MICROVM_PREFIX + hook, { body, limitMs: this.config.limitMs?.[hook] ?? 60_000 }), 1);
  }

  private record(call: string, result: Omit<Call, 'call' | 'attempts'>, attempts: number): Call {
    const entry = { call, attempts, ...result };
    this.calls.push(entry);
    return entry;
  }
}
