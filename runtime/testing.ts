// snapshot-restore/testing: run the phases in unit tests, reset and inspect the registry,
// and set up the environment variables a Lambda SnapStart function sees.
import { registry } from './hooks/registry.js';
import { runHooks, type RunHooksOptions } from './hooks/run.js';

export { getBeforeSnapshot, getAfterRestore } from './hooks/register.js';
export { HookError } from './hooks/hook-error.js';
export type { RegisteredHook } from './hooks/registry.js';
export type { RunHooksOptions };

/** Runs the before-snapshot hooks (reverse registration order), as Lambda would before the snapshot. */
export function runBeforeSnapshot(options?: RunHooksOptions): Promise<void> {
  return runHooks('beforeSnapshot', options);
}

/** Runs the after-restore hooks (registration order), as Lambda would after a restore. */
export function runAfterRestore(options?: RunHooksOptions): Promise<void> {
  return runHooks('afterRestore', options);
}

/** Runs both phases in order: before-snapshot, then after-restore. */
export async function simulateSnapStart(options?: RunHooksOptions): Promise<void> {
  await runBeforeSnapshot(options);
  await runAfterRestore(options);
}

/** Empties the registry and forgets that any phase ran, so each test starts from init. */
export function resetHooks(): void {
  const reg = registry();
  reg.beforeSnapshot.length = 0;
  reg.afterRestore.length = 0;
  reg.started = {};
  reg.warned.clear();
  delete reg.lateRegistration;
  // And what snapshot-restore/http was told (its calls, the restoring flag, the run payload).
  delete (reg as unknown as Record<symbol, unknown>)[Symbol.for('snapshot-restore.http.v1')];
}

/**
 * Sets the environment variables of a SnapStart function (no static AWS credentials, as under
 * SnapStart) and returns a function that restores the previous values.
 */
export function fakeLambdaEnv(overrides: Record<string, string | undefined> = {}): () => void {
  const values: Record<string, string | undefined> = {
    AWS_LAMBDA_INITIALIZATION_TYPE: 'snap-start',
    AWS_LAMBDA_FUNCTION_NAME: 'test-function',
    AWS_LAMBDA_FUNCTION_VERSION: '1',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
    AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/test-function',
    AWS_LAMBDA_LOG_STREAM_NAME: '2026/01/01/[1]00000000000000000000000000000000',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    AWS_SESSION_TOKEN: undefined,
    ...overrides,
  };
  const previous = Object.fromEntries(Object.keys(values).map((key) => [key, process.env[key]]));
  const apply = (env: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(env)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  apply(values);
  return () => apply(previous);
}
