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

/** The longest delay a Node.js timer takes: a longer one fires after 1 ms (TimeoutOverflowWarning). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** Options passed in code (startRuntime, snapStart): an OptionError names one of a wrong type or out of a timer's range. */
export function checkOptions(options: unknown, where: string): LifecycleOptions {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object') throw new OptionError(`${where}: the options must be an object, but are ${typeof options}`);
  const given = options as Record<string, unknown>;
  for (const key of ['beforeSnapshotTimeoutMs', 'afterRestoreTimeoutMs'] as const) {
    const value = given[key];
    if (value !== undefined && !(typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_TIMER_MS)) {
      throw new OptionError(`${where}: ${key} must be a whole number of milliseconds from 1 to ${MAX_TIMER_MS}, but is ${typeof value === 'number' ? value : typeof value}`);
    }
  }
  if (given.bundle !== undefined && typeof given.bundle !== 'string') throw new OptionError(`${where}: bundle must be a file path, but is ${typeof given.bundle}`);
  return given as LifecycleOptions;
}

/** The options the variables set; an OptionError names a variable whose value is not valid. */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): LifecycleOptions {
  const options: LifecycleOptions = {};
  for (const key of ['beforeSnapshotTimeoutMs', 'afterRestoreTimeoutMs'] as const) {
    const name = OPTION_VARIABLES[key];
    const text = env[name];
    if (text === undefined || text === '') continue;
    if (!/^\d+$/.test(text.trim()) || Number(text) <= 0 || Number(text) > MAX_TIMER_MS) {
      throw new OptionError(`${name} must be a whole number of milliseconds from 1 to ${MAX_TIMER_MS}, but is ${JSON.stringify(text.slice(0, 40))}`);
    }
    options[key] = Number(text);
  }
  if (env[OPTION_VARIABLES.bundle]) options.bundle = env[OPTION_VARIABLES.bundle];
  return options;
}
