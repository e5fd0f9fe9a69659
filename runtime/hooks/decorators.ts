// The decorator forms of registerBeforeSnapshot / registerAfterRestore, in both modes:
// standard (TC39) decorators, called as (value, context), and TypeScript's legacy
// `experimentalDecorators`, called as (target, propertyKey, descriptor).
import { addHook } from './add-hook.js';
import type { PhaseName } from './registry.js';

interface StandardContext {
  kind: string;
  name: string | symbol;
  static?: boolean;
  addInitializer(initializer: (this: any) => void): void;
}

const isObject = (value: unknown): value is Record<string, unknown> => (typeof value === 'object' && value !== null) || typeof value === 'function';

export function isStandardDecoratorCall(rest: unknown[]): boolean {
  const context = rest[0];
  return rest.length === 1 && isObject(context) && typeof context.kind === 'string' && typeof context.addInitializer === 'function';
}

// Function-form calls never pass a non-function first, and rarely a property descriptor
// third, so these shapes are unambiguous in practice.
export function isLegacyDecoratorCall(target: unknown, rest: unknown[]): boolean {
  const [key, descriptor] = rest;
  if (rest.length !== 2 || (typeof key !== 'string' && typeof key !== 'symbol') || !isObject(target)) return false;
  if (descriptor === undefined) return typeof target === 'object'; // a legacy property decorator
  return isObject(descriptor) && 'configurable' in descriptor && 'enumerable' in descriptor;
}

export function decorate(phase: PhaseName, publicName: string, value: unknown, rest: unknown[], site: string): void {
  return isStandardDecoratorCall(rest)
    ? standard(phase, publicName, value, rest[0] as StandardContext, site)
    : legacy(phase, publicName, value as object, rest[0] as string | symbol, rest[1] as PropertyDescriptor | undefined, site);
}

function standard(phase: PhaseName, publicName: string, method: unknown, context: StandardContext, site: string): void {
  const member = String(context.name);
  if (context.kind !== 'method' || typeof method !== 'function') {
    throw new TypeError(`@${publicName} can decorate methods only, but was applied to a ${context.kind} (${member}) at ${site}.`);
  }
  const fn = method as (...args: unknown[]) => unknown;
  // Static: runs when the class is defined, with `this` the class.
  // Instance: runs at each construction, with `this` the new instance.
  context.addInitializer(function (this: any) {
    const owner = context.static ? this : this.constructor;
    addHook(phase, methodHook(fn, this, owner, member, site), publicName);
  });
}

function legacy(phase: PhaseName, publicName: string, target: object, key: string | symbol, descriptor: PropertyDescriptor | undefined, site: string): void {
  const member = String(key);
  if (typeof target !== 'function') {
    const className = (target as { constructor?: { name?: string } }).constructor?.name || '<anonymous>';
    throw new TypeError(
      `@${publicName} on ${className}.${member} (${site}): with experimentalDecorators a method decorator runs once ` +
        'for the class and never sees an instance, so an instance method cannot be registered. Make the method ' +
        `static, or register a bound method at module top level: ${publicName}(() => instance.${member}()).`,
    );
  }
  if (typeof descriptor?.value !== 'function') {
    throw new TypeError(`@${publicName} can decorate methods only, but ${target.name}.${member} at ${site} is not a method.`);
  }
  addHook(phase, methodHook(descriptor.value, target, target, member, site), publicName);
}

// The name is read when needed, not now: esbuild's keepNames renames a lowered class only
// after its decorators' initializers have run.
function methodHook(fn: (...args: unknown[]) => unknown, thisArg: unknown, owner: { name?: string } | undefined, member: string, site: string) {
  return {
    fn,
    args: [],
    thisArg,
    site,
    get name() {
      return `${owner?.name || '<anonymous>'}.${member}`;
    },
  };
}
