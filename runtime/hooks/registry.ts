// The hook registry. It lives on globalThis under a registered symbol so that every copy
// of this runtime in one process (the ESM and CommonJS builds, a library that bundled its
// own copy, the testing module) shares a single list of hooks.

export type PhaseName = 'beforeSnapshot' | 'afterRestore';

/** One registration: the function, its bound arguments, and where it was registered. */
export interface RegisteredHook {
  readonly fn: (...args: any[]) => unknown;
  readonly args: readonly unknown[];
  /** `this` for the call: the class for static-method decorators, the instance for instance methods. */
  readonly thisArg: unknown;
  /** Function name, `Class.method` for decorated methods, or `<anonymous>`. */
  readonly name: string;
  /** `file:line:column` of the registration, or `<unknown>`. */
  readonly site: string;
}

export interface Registry {
  beforeSnapshot: RegisteredHook[];
  afterRestore: RegisteredHook[];
  /** A phase that has started takes no more hooks: later registrations can never run. */
  started: Partial<Record<PhaseName, boolean>>;
  /** Call sites already warned about, so each late registration warns once. */
  warned: Set<string>;
  /**
   * Set by a platform whose phases come back (Lambda MicroVMs: suspend and resume): what a
   * registration after `phase` began means there, instead of "can never run".
   */
  lateRegistration?: (phase: PhaseName) => string;
}

const KEY = Symbol.for('snapshot-restore.registry.v1');

export function registry(): Registry {
  const store = globalThis as { [KEY]?: Registry };
  return (store[KEY] ??= {
    beforeSnapshot: [],
    afterRestore: [],
    started: {},
    warned: new Set(),
  });
}

export const phaseLabel: Record<PhaseName, string> = {
  beforeSnapshot: 'before-snapshot',
  afterRestore: 'after-restore',
};
