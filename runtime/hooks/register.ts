// registerBeforeSnapshot / registerAfterRestore: the function form, plus the dispatch to
// the decorator forms (the same export serves `@registerAfterRestore` on methods).
import { callSite } from './call-site.js';
import { decorate, isLegacyDecoratorCall, isStandardDecoratorCall } from './decorators.js';
import { addHook } from './add-hook.js';
import { registry, type PhaseName, type RegisteredHook } from './registry.js';

type Hook = (...args: any[]) => unknown;

function describe(value: unknown): string {
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return value === null || typeof value !== 'object' ? String(value) : 'an object';
}

function makeRegister(phase: PhaseName, publicName: string) {
  const register = (fn: unknown, ...rest: unknown[]): unknown => {
    if (isStandardDecoratorCall(rest) || isLegacyDecoratorCall(fn, rest)) {
      return decorate(phase, publicName, fn, rest, callSite(register));
    }
    if (typeof fn !== 'function') {
      throw new TypeError(`${publicName} expects a function to register, but was given ${describe(fn)}.`);
    }
    addHook(phase, { fn: fn as Hook, args: rest, thisArg: undefined, name: fn.name || '<anonymous>', site: callSite(register) }, publicName);
    return fn;
  };
  return register;
}

/**
 * Registers `fn` to run just before Lambda takes the snapshot, with `args` bound.
 * Before-snapshot hooks run in reverse registration order. Returns `fn`.
 * Also a method decorator: `@registerBeforeSnapshot static close() {}`.
 */
export const registerBeforeSnapshot = makeRegister('beforeSnapshot', 'registerBeforeSnapshot') as RegisterFunction;

/**
 * Registers `fn` to run just after each restore from the snapshot, with `args` bound.
 * After-restore hooks run in registration order. Returns `fn`.
 * Also a method decorator: `@registerAfterRestore static reconnect() {}`.
 */
export const registerAfterRestore = makeRegister('afterRestore', 'registerAfterRestore') as RegisterFunction;

export interface RegisterFunction {
  /** Function form: registers `fn` with bound arguments and returns it. */
  <F extends Hook>(fn: F, ...args: Parameters<F>): F;
  /** Standard (TC39) method decorator. */
  <F extends Hook>(value: F, context: ClassMethodDecoratorContext): void;
  /** Legacy (`experimentalDecorators`) method decorator, static methods only. */
  (target: object, propertyKey: string | symbol, descriptor: PropertyDescriptor): void;
}

/** The registered before-snapshot hooks, in registration order (they run in reverse). */
export function getBeforeSnapshot(): RegisteredHook[] {
  return [...registry().beforeSnapshot];
}

/** The registered after-restore hooks, in registration (and run) order. */
export function getAfterRestore(): RegisteredHook[] {
  return [...registry().afterRestore];
}
