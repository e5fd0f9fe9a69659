// snapshotHooks(): the hook registry served over HTTP as one fetch-standard handler. It answers
// Lambda Web Adapter's two SnapStart paths, Lambda MicroVMs' six lifecycle hooks and, while the
// process is between a snapshot and the end of its after-restore hooks, the readiness path; any
// other request gets `undefined` (the app serves it). How the calls map onto the two phases is in
// docs/http-platforms.md.
import { registry } from '../hooks/registry.js';
import type { LifecycleOptions } from '../lifecycle/lifecycle.js';
import { optionsFromEnv } from '../lifecycle/env-options.js';
import { checkManifest } from '../lifecycle/manifest-check.js';
import { notFromAdapter, refusal, wrongMethod, type HookAnswer } from './guards.js';
import {
  declaredMicrovm,
  MICROVM_HOOK_PREFIX,
  MICROVM_QUIESCE_TIMEOUT_MS,
  microvmHook,
  microvmLateRegistration,
  PLATFORM_ENV,
  RUN_PAYLOAD_LIMIT_BYTES,
  runPayloadOf,
  type MicrovmHook,
} from './microvm.js';
import { once, ran, type Work } from './phase.js';
import { httpState, type CallOutcome } from './phase-state.js';
import { isRestoring, notReady, setRestoring } from './readiness.js';
import {
  LWA_BEFORE_SNAPSHOT_TIMEOUT_MS,
  LWA_READINESS_PATH_ENV,
  underSnapStart,
  webAdapterCall,
  webAdapterPaths,
  type WebAdapterCall,
  type WebAdapterOptions,
} from './web-adapter.js';

export interface SnapshotHooksOptions extends LifecycleOptions {
  /**
   * `microvm` serves Lambda MicroVMs' hooks (nothing in a MicroVM's environment is documented to
   * say so: declare it here or with SNAPSHOT_RESTORE_PLATFORM=microvm). The web adapter's paths are
   * served under SnapStart whatever this says.
   */
  platform?: 'lwa' | 'microvm';
  /** The web adapter's hook paths (default: its AWS_LWA_SNAPSTART_* variables). */
  webAdapter?: WebAdapterOptions;
  /**
   * The path of the readiness check that answers 503 until the after-restore hooks have finished
   * (default: AWS_LWA_READINESS_CHECK_PATH, else `/` under the web adapter; `false`: none).
   */
  readinessPath?: string | false;
  /** MicroVM `ready` and `validate`: false (or a promise of false) answers 503, and the platform asks again. */
  ready?: () => boolean | Promise<boolean>;
  /** How long `ready` waits for the before-snapshot hooks before answering 503 to be asked again (default 1000 ms). */
  holdMs?: number;
  /** MicroVM `suspend` and `resume`: run the hooks (default), or nothing. */
  suspend?: 'hooks' | 'none';
  /** MicroVM `terminate`: run once (a retry waits for the same run), within `terminateTimeoutMs` (default 55 000). */
  onTerminate?: () => unknown;
  terminateTimeoutMs?: number;
  /** The environment to read (default process.env; tests pass their own). */
  env?: NodeJS.ProcessEnv;
}

/** What the framework adapter knows of the connection (a fetch Request does not carry it). */
export interface HookRequestInfo {
  remoteAddress?: string;
}

/** A request as the handler needs it, without fetch's Request (what Node adapters hand over). */
export interface HookCall {
  method: string;
  pathname: string;
  /** The body as text (read only for `run`). */
  body(): Promise<string>;
  remoteAddress?: string;
}

export type { HookAnswer };

export interface HookHandler {
  (request: Request, info?: HookRequestInfo): Promise<Response | undefined>;
  /** Whether a request for `pathname` may be answered here: adapters skip everything else at once. */
  matches(pathname: string): boolean;
  /** The same answer without fetch's Request and Response (the Node adapters write it directly). */
  answer(call: HookCall): Promise<HookAnswer | undefined>;
}

const DEFAULT_HOLD_MS = 1_000;

export function snapshotHooks(options: SnapshotHooksOptions = {}): HookHandler {
  const env = options.env ?? process.env;
  const lifecycle: LifecycleOptions = { ...optionsFromEnv(env) };
  for (const key of ['beforeSnapshotTimeoutMs', 'afterRestoreTimeoutMs', 'bundle'] as const)
    if (options[key] !== undefined) (lifecycle as Record<string, unknown>)[key] = options[key];
  const lwa = webAdapterPaths(options.webAdapter, env);
  const microvm = declaredMicrovm(options.platform, env);
  const readinessPath =
    options.readinessPath === false
      ? undefined
      : (options.readinessPath ?? env[LWA_READINESS_PATH_ENV] ?? (lwa.afterRestore !== undefined && underSnapStart(env) ? '/' : undefined));
  const holdMs = options.holdMs ?? DEFAULT_HOLD_MS;

  const matches = (pathname: string): boolean =>
    pathname.startsWith(MICROVM_HOOK_PREFIX) || webAdapterCall(pathname, lwa) !== undefined || (pathname === readinessPath && isRestoring());

  const answerCall = async (request: HookCall): Promise<HookAnswer | undefined> => {
    const { pathname } = request;
    const lwaCall = webAdapterCall(pathname, lwa);
    if (lwaCall) return webAdapter(lwaCall, request, pathname);
    if (pathname.startsWith(MICROVM_HOOK_PREFIX)) return microvmCall(request, pathname);
    if (pathname === readinessPath && isRestoring() && (request.method === 'GET' || request.method === 'HEAD')) return notReady();
    return undefined;
  };
  const handler = (async (request: Request, info: HookRequestInfo = {}) => {
    const answer = await answerCall({ method: request.method, pathname: new URL(request.url).pathname, body: () => request.text(), remoteAddress: info.remoteAddress });
    return answer && new Response(answer.body, { status: answer.status, headers: answer.headers });
  }) as HookHandler;
  handler.matches = matches;
  handler.answer = answerCall;
  httpState().onHandler?.(handler);
  // A hook registered after its phase began is reported in the MicroVM's terms (the first handler's settings).
  if (microvm) registry().lateRegistration ??= (phase) => microvmLateRegistration(phase, httpState().began?.[phase], options.suspend !== 'none');
  return handler;

  async function webAdapter(call: WebAdapterCall, request: HookCall, pathname: string): Promise<HookAnswer> {
    if (!underSnapStart(env)) {
      return refusal(
        403,
        `${pathname} is Lambda Web Adapter's SnapStart ${call} hook, and this process is not under SnapStart (AWS_LAMBDA_INITIALIZATION_TYPE is ${JSON.stringify(env.AWS_LAMBDA_INITIALIZATION_TYPE ?? '')}); nothing ran`,
      );
    }
    const refused = wrongMethod(request.method, pathname) ?? caller(notFromAdapter(request.remoteAddress, env));
    if (refused) return refused;
    if (ran(call)) return refusal(409, `${call} already ran in this process, and the web adapter calls it once; nothing ran again`);
    let work: Work;
    if (call === 'before-checkpoint') {
      beforeSnapshotStarts();
      // Until the after-restore hooks have run, the readiness check must not say "ready" (only if they will run).
      if (lwa.afterRestore !== undefined) setRestoring(true);
      else if (registry().afterRestore.length > 0)
        warnOnce('the after-restore hooks will never run: AWS_LWA_SNAPSTART_AFTER_RESTORE_PATH is not set, so the web adapter calls no after-restore path');
      work = { phase: 'beforeSnapshot', options: { ...lifecycle, beforeSnapshotTimeoutMs: lifecycle.beforeSnapshotTimeoutMs ?? LWA_BEFORE_SNAPSHOT_TIMEOUT_MS } };
    } else {
      work = { phase: 'afterRestore', options: lifecycle };
    }
    const outcome = await once(call, call, work).outcome;
    if (call === 'after-restore' && outcome.ok) setRestoring(false);
    return answer(outcome);
  }

  async function microvmCall(request: HookCall, pathname: string): Promise<HookAnswer> {
    const hook = microvmHook(pathname);
    if (!hook) return refusal(404, `${pathname} is not one of Lambda MicroVMs' lifecycle hooks (ready, validate, run, resume, suspend, terminate)`);
    if (!microvm) {
      return refusal(
        403,
        `${pathname} is Lambda MicroVMs' ${hook} hook, and this process has not said it runs in a MicroVM (set ${PLATFORM_ENV}=microvm in the image, or snapshotHooks({ platform: 'microvm' })); nothing ran`,
      );
    }
    const refused = wrongMethod(request.method, pathname);
    if (refused) return refused;
    const state = httpState();
    switch (hook) {
      case 'ready': {
        if (options.ready && !(await options.ready())) return retryLater('ready', 'the app says it is not ready yet');
        if (!ran('ready')) {
          beforeSnapshotStarts();
          setRestoring(true);
          began('beforeSnapshot', 'ready');
        }
        return hold(once('ready', 'ready', { phase: 'beforeSnapshot', options: lifecycle }).outcome, 'ready', 'the before-snapshot hooks are still running');
      }
      case 'validate': {
        if (options.ready && !(await options.ready())) return retryLater('validate', 'the app says it is not ready yet');
        const ready = ran('ready');
        if (!ready) return answer(nothing('validate'));
        return hold(
          ready.then((outcome) => ({ ...outcome, call: 'validate', hooks: [] })),
          'validate',
          'the before-snapshot hooks are still running',
        );
      }
      case 'run': {
        const body = await request.body();
        if (Buffer.byteLength(body) > RUN_PAYLOAD_LIMIT_BYTES)
          return refusal(413, `the run payload is ${Buffer.byteLength(body)} bytes, more than RunMicrovm sends (16 KB); nothing ran`);
        if (!ran('run')) {
          state.runPayload = runPayloadOf(body);
          began('afterRestore', 'run');
        }
        const outcome = await once('run', 'run', { phase: 'afterRestore', options: lifecycle }).outcome;
        if (outcome.ok && !state.suspended) setRestoring(false);
        return answer(outcome);
      }
      case 'suspend':
      case 'resume':
        return answer(await suspendOrResume(hook));
      case 'terminate': {
        const work: Work = options.onTerminate
          ? { callback: options.onTerminate, timeoutMs: options.terminateTimeoutMs ?? MICROVM_QUIESCE_TIMEOUT_MS, label: 'the onTerminate callback' }
          : { nothing: true };
        return answer(await once('terminate', 'terminate', work).outcome);
      }
    }
  }

  /** A suspend quiesces like a snapshot (before-snapshot hooks), its resume renews like a restore; a retry runs nothing again. */
  async function suspendOrResume(hook: Extract<MicrovmHook, 'suspend' | 'resume'>): Promise<CallOutcome> {
    const state = httpState();
    const hooks = options.suspend !== 'none';
    if (hook === 'suspend') {
      if (!state.suspended) {
        state.cycle++;
        state.suspended = true;
        if (hooks) {
          setRestoring(true);
          began('beforeSnapshot', 'suspend');
        }
      }
      const work: Work = hooks
        ? { phase: 'beforeSnapshot', options: { ...lifecycle, beforeSnapshotTimeoutMs: lifecycle.beforeSnapshotTimeoutMs ?? MICROVM_QUIESCE_TIMEOUT_MS } }
        : { nothing: true };
      return once(`suspend#${state.cycle}`, 'suspend', work).outcome;
    }
    if (!state.suspended) return (await ran(`resume#${state.cycle}`)) ?? nothing('resume');
    state.suspended = false;
    if (hooks) began('afterRestore', 'resume');
    await ran(`suspend#${state.cycle}`);
    const outcome = await once(`resume#${state.cycle}`, 'resume', hooks ? { phase: 'afterRestore', options: lifecycle } : { nothing: true }).outcome;
    if (outcome.ok) setRestoring(false);
    return outcome;
  }

  function beforeSnapshotStarts(): void {
    // Init is over: every hook the build saw should have registered by now. The build manifest
    // sits beside the bundle, which for a web app is the script node runs.
    const bundle = lifecycle.bundle ?? process.argv[1];
    if (bundle) checkManifest(bundle);
  }

  /** `ready`/`validate`: answer within holdMs, or 503 so that the platform asks again instead of holding a connection. */
  async function hold(outcome: Promise<CallOutcome>, call: string, why: string): Promise<HookAnswer> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), holdMs);
    });
    const settled = await Promise.race([outcome, late]);
    clearTimeout(timer);
    return settled ? answer(settled) : retryLater(call, why);
  }
}

function began(phase: 'beforeSnapshot' | 'afterRestore', hook: MicrovmHook): void {
  (httpState().began ??= {})[phase] = hook;
}

let warned = false;
function warnOnce(message: string): void {
  if (warned) return;
  warned = true;
  process.stderr.write(`snapshot-restore: ${message}\n`);
}

function caller(reason: string | undefined): HookAnswer | undefined {
  return reason === undefined ? undefined : refusal(403, reason);
}

function nothing(call: string): CallOutcome {
  return { ok: true, call, hooks: [], durationMs: 0 };
}

function retryLater(call: string, why: string): HookAnswer {
  return {
    status: 503,
    headers: { 'content-type': 'application/json', 'retry-after': '1', 'cache-control': 'no-store' },
    body: `${JSON.stringify({ call, retry: true, reason: why })}\n`,
  };
}

/** 200 with what ran and how long each hook took; 500 naming the hook that failed (the platform fails the phase). */
function answer(outcome: CallOutcome): HookAnswer {
  return { status: outcome.ok ? 200 : 500, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }, body: `${JSON.stringify(outcome)}\n` };
}
