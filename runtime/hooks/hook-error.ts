// The error a failed or timed-out phase rejects with: it names the hook and where it was
// registered, keeps what the hook threw as `cause`, and says how many hooks were skipped.
import { errorParts, isError, safeString } from '../invoke/format-error.js';
import { phaseLabel, type PhaseName, type RegisteredHook } from './registry.js';

export class HookError extends Error {
  override name = 'HookError';
  readonly phase: PhaseName;
  readonly hookName: string;
  readonly site: string;
  /** How many hooks of the phase did not run because this one failed. */
  readonly skipped: number;
  readonly timedOut: boolean;

  constructor(phase: PhaseName, hook: RegisteredHook, skipped: number, failure: { cause: unknown } | { timeoutMs: number }) {
    // Whatever the hook threw, and however its name reads, the message names the hook and its site.
    const hookName = safeRead(() => hook.name, '<a hook whose name cannot be read>');
    const site = safeRead(() => hook.site, '<unknown>');
    const what = 'cause' in failure ? `failed: ${describeCause(failure.cause)}` : `did not finish within ${failure.timeoutMs} ms`;
    const rest = skipped === 0 ? '' : `; ${skipped} later ${phaseLabel[phase]} hook${skipped === 1 ? '' : 's'} did not run`;
    super(`${phaseLabel[phase]} hook ${hookName} (registered at ${site}) ${what}${rest}`, 'cause' in failure ? { cause: failure.cause } : undefined);
    this.phase = phase;
    this.hookName = hookName;
    this.site = site;
    this.skipped = skipped;
    this.timedOut = !('cause' in failure);
  }
}

function describeCause(cause: unknown): string {
  if (!isError(cause)) return safeString(cause);
  const { name, message } = errorParts(cause);
  return `${name}: ${message}`;
}

function safeRead(get: () => unknown, fallback: string): string {
  try {
    const value = get();
    return typeof value === 'string' ? value : safeString(value);
  } catch {
    return fallback;
  }
}
