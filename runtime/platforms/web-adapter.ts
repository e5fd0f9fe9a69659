// Lambda Web Adapter's SnapStart bridge (aws-lambda-web-adapter >= 1.1.0): the adapter sends an
// empty POST to the path in AWS_LWA_SNAPSTART_BEFORE_CHECKPOINT_PATH before the snapshot, and to
// AWS_LWA_SNAPSTART_AFTER_RESTORE_PATH after each restore (then re-runs its readiness check).
// A non-2xx answer, a transport error or its 60 s per-call limit fails that phase. Each hook is
// opt-in: the adapter calls a path only when its variable is set.

export const LWA_BEFORE_CHECKPOINT_ENV = 'AWS_LWA_SNAPSTART_BEFORE_CHECKPOINT_PATH';
export const LWA_AFTER_RESTORE_ENV = 'AWS_LWA_SNAPSTART_AFTER_RESTORE_PATH';
export const LWA_READINESS_PATH_ENV = 'AWS_LWA_READINESS_CHECK_PATH';

/**
 * The adapter's limit on one hook call: HOOK_TIMEOUT (60 s) in one version of its snapstart.rs and
 * in its guide; a later snapstart.rs leaves the POST unbounded (Lambda's phase limits apply).
 */
export const LWA_HOOK_LIMIT_MS = 60_000;
/** Below the per-call limit, so that we, not the adapter, say which hook was slow. */
export const LWA_BEFORE_SNAPSHOT_TIMEOUT_MS = 55_000;

export interface WebAdapterOptions {
  /** Default: AWS_LWA_SNAPSTART_BEFORE_CHECKPOINT_PATH. */
  beforeCheckpointPath?: string;
  /** Default: AWS_LWA_SNAPSTART_AFTER_RESTORE_PATH. */
  afterRestorePath?: string;
}

export interface WebAdapterPaths {
  beforeCheckpoint?: string;
  afterRestore?: string;
}

export function webAdapterPaths(options: WebAdapterOptions = {}, env: NodeJS.ProcessEnv = process.env): WebAdapterPaths {
  return {
    beforeCheckpoint: normalize(options.beforeCheckpointPath ?? env[LWA_BEFORE_CHECKPOINT_ENV]),
    afterRestore: normalize(options.afterRestorePath ?? env[LWA_AFTER_RESTORE_ENV]),
  };
}

/** The adapter joins the path onto the app's origin (Url::set_path): a missing leading slash is added. */
function normalize(path: string | undefined): string | undefined {
  if (!path) return undefined;
  return path.startsWith('/') ? path : `/${path}`;
}

/** The adapter drives these hooks only under SnapStart (the runtime invokes its SnapStart resource only then). */
export function underSnapStart(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.AWS_LAMBDA_INITIALIZATION_TYPE === 'snap-start';
}

export type WebAdapterCall = 'before-checkpoint' | 'after-restore';

export function webAdapterCall(pathname: string, paths: WebAdapterPaths): WebAdapterCall | undefined {
  if (paths.beforeCheckpoint !== undefined && pathname === paths.beforeCheckpoint) return 'before-checkpoint';
  if (paths.afterRestore !== undefined && pathname === paths.afterRestore) return 'after-restore';
  return undefined;
}
