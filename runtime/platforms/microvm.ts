// Lambda MicroVMs' lifecycle hooks: the platform POSTs to /aws/lambda-microvms/runtime/v1/<hook>
// on the image's hooks port. Image build: `ready` (before the snapshot is captured) and
// `validate` (on a test MicroVM run from the snapshot), where 503 means "not yet, try again" until
// the hook's timeout (1-3600 s). Per MicroVM: `run` (once, right after it is started from the
// snapshot, with RunMicrovm's runHookPayload as its body), `suspend`, `resume`, `terminate`
// (1-60 s each). 200 means done; `suspend` and `terminate` may be retried.

export const MICROVM_HOOK_PREFIX = '/aws/lambda-microvms/runtime/v1/';
export const MICROVM_HOOKS = ['ready', 'validate', 'run', 'resume', 'suspend', 'terminate'] as const;
export type MicrovmHook = (typeof MICROVM_HOOKS)[number];

/** Declares the platform: nothing in a MicroVM's environment is documented to say so. */
export const PLATFORM_ENV = 'SNAPSHOT_RESTORE_PLATFORM';

/**
 * RunMicrovm's documented limit is 16 KB; a third party measured 4096 bytes. Bodies up to 16 KiB
 * are taken (plus room for a JSON envelope); a larger one is not what the platform sends.
 */
export const RUN_PAYLOAD_LIMIT_BYTES = 16 * 1024 + 1024;

/** Suspend and terminate have 1-60 s; below the largest, for a hook that would hang. */
export const MICROVM_QUIESCE_TIMEOUT_MS = 55_000;

export function microvmHook(pathname: string): MicrovmHook | undefined {
  if (!pathname.startsWith(MICROVM_HOOK_PREFIX)) return undefined;
  const name = pathname.slice(MICROVM_HOOK_PREFIX.length).replace(/\/$/, '');
  return (MICROVM_HOOKS as readonly string[]).includes(name) ? (name as MicrovmHook) : undefined;
}

export function declaredMicrovm(platform: string | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  return (platform ?? env[PLATFORM_ENV]) === 'microvm';
}

/**
 * The run hook's payload as the caller of RunMicrovm gave it. AWS's guide says the body is the
 * payload; a third party measured a JSON envelope `{"runHookPayload": "..."}`: both are taken.
 */
export function runPayloadOf(body: string): string | undefined {
  if (body === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && Object.keys(parsed).length === 1) {
      const inner = (parsed as Record<string, unknown>).runHookPayload;
      if (typeof inner === 'string') return inner;
    }
  } catch {
    // Not JSON: the payload itself.
  }
  return body;
}

/**
 * What a registration after a phase began means in a MicroVM: unlike a Lambda snapshot, the
 * phases come back (suspend runs the before-snapshot hooks again, resume the after-restore ones),
 * so a late hook is not lost, but it missed the image's snapshot (or this MicroVM's `run`).
 */
export function microvmLateRegistration(phase: 'beforeSnapshot' | 'afterRestore', began: string | undefined, suspendHooks: boolean): string {
  if (phase === 'beforeSnapshot') {
    const missed = began === 'suspend' ? 'the `suspend` under way' : "the image's snapshot";
    return (
      `Lambda MicroVMs' \`${began ?? 'ready'}\` hook began the before-snapshot phase, so this hook did not run before ${missed}; ` +
      (suspendHooks ? 'it runs at the next `suspend`. ' : "with suspend: 'none' it can never run. ") +
      'Register hooks at module top level (during init, before `ready`), not in a request handler.'
    );
  }
  const missed = began === 'resume' ? 'the `resume` under way' : "this MicroVM's `run`";
  return (
    `Lambda MicroVMs' \`${began ?? 'run'}\` hook began the after-restore phase, so this hook did not run in ${missed}; ` +
    (suspendHooks ? 'it runs at the next `resume`. ' : "with suspend: 'none' it can never run. ") +
    'Register hooks at module top level (during init, before `ready`), so that every MicroVM runs them in `run`.'
  );
}
