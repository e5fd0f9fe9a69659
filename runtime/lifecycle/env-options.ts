// The lifecycle options as environment variables, for the bootstrap run as a script (container
// images run `node bootstrap.cjs`, with no code to pass options from).
import type { LifecycleOptions } from './lifecycle.js';

export const OPTION_VARIABLES = {
  beforeSnapshotTimeoutMs: 'SNAPSHOT_RESTORE_BEFORE_SNAPSHOT_TIMEOUT_MS',
  afterRestoreTimeoutMs: 'SNAPSHOT_RESTORE_AFTER_RESTORE_TIMEOUT_MS',
  bundle: 'SNAPSHOT_RESTORE_BUNDLE',
} as const;

export class OptionError extends Error {
  override name = 'OptionError';
}

/** The options the variables set; an OptionError names a variable whose value is not valid. */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): LifecycleOptions {
  const options: LifecycleOptions = {};
  for (const key of ['beforeSnapshotTimeoutMs', 'afterRestoreTimeoutMs'] as const) {
    const name = OPTION_VARIABLES[key];
    const text = env[name];
    if (text === undefined || text === '') continue;
    if (!/^\d+$/.test(text.trim()) || Number(text) <= 0) {
      throw new OptionError(`${name} must be a whole number of milliseconds greater than 0, but is ${JSON.stringify(text.slice(0, 40))}`);
    }
    options[key] = Number(text);
  }
  if (env[OPTION_VARIABLES.bundle]) options.bundle = env[OPTION_VARIABLES.bundle];
  return options;
}
