// Runs inside the snapshot build. A library that sets `Error.prepareStackTrace` to get V8's
// structured call sites (depd does, in every `depd('name')` at load: Koa, Express's body-parser,
// http-errors) may keep a CallSite object in the heap (depd keeps the caller's in `site.callSite`).
// Node 22's V8 aborts while writing one into a startup snapshot (`std::length_error`, in the
// serializer's visit of its CallSiteInfo); Node 20 and 24 write it. So in the build the function a
// library sets is given plain copies: objects whose shared prototype has the same methods, each
// answering what the real call site answered, which every version serializes. Its own function is
// what it reads back; Node's default (which formats `error.stack`) still gets the real ones.
import v8 from 'node:v8';

type Prepare = (error: Error, sites: NodeJS.CallSite[]) => unknown;

export function plainCallSitesInBuild(): void {
  const descriptor = Object.getOwnPropertyDescriptor(Error, 'prepareStackTrace');
  let current: unknown = descriptor?.value;
  // The function Node calls (it reads Error.prepareStackTrace) for each function set, and back.
  const wrappers = new WeakMap<Function, Prepare>();
  // After the restore the wrapper a library may have saved passes the real call sites on.
  let building = true;
  const originals = new WeakMap<Function, Function>();
  const wrapperOf = (original: Prepare): Prepare => {
    let wrapper = wrappers.get(original);
    if (!wrapper) {
      wrapper = function prepareStackTrace(this: unknown, error: Error, sites: NodeJS.CallSite[]) {
        return original.call(this, error, building && Array.isArray(sites) ? sites.map(plainCallSite) : sites);
      };
      wrappers.set(original, wrapper);
      originals.set(wrapper, original);
    }
    return wrapper;
  };
  Object.defineProperty(Error, 'prepareStackTrace', {
    configurable: true,
    enumerable: descriptor?.enumerable ?? true,
    // A library saves what it read and sets it back (depd): that is the function it replaced.
    // Node's own default (it formats the real call sites into the string stack) is not wrapped.
    get: () => (typeof current === 'function' && current !== descriptor?.value ? wrapperOf(current as Prepare) : current),
    set: (value: unknown) => {
      current = typeof value === 'function' ? (originals.get(value) ?? value) : value;
    },
  });
  v8.startupSnapshot.addSerializeCallback(() => {
    // What a library read is what it finds after the restore (depd and source-map-support compare).
    const value = typeof current === 'function' && current !== descriptor?.value ? wrapperOf(current as Prepare) : current;
    delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
    if (descriptor || current !== undefined)
      Object.defineProperty(Error, 'prepareStackTrace', { ...(descriptor ?? { writable: true, enumerable: true, configurable: true }), value });
  });
  v8.startupSnapshot.addDeserializeCallback(() => {
    building = false;
  });
}

// What each copy's call site answered, read by the methods of the one prototype all copies share.
// V8's call sites keep their methods on a shared prototype, and libraries rely on that shape:
// source-map-support clones a call site by copying the methods it finds on its prototype.
const answers = new WeakMap<object, Map<string, unknown>>();
const copyPrototype: Record<string, () => unknown> = {};

/** A copy of a call site: each of its argument-less methods, answered once now. */
function plainCallSite(site: NodeJS.CallSite): NodeJS.CallSite {
  const answered = new Map<string, unknown>();
  for (let proto = Object.getPrototypeOf(site); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const method = (proto as Record<string, unknown>)[name];
      if (name === 'constructor' || answered.has(name) || typeof method !== 'function' || method.length > 0) continue;
      let value: unknown;
      try {
        value = method.call(site);
      } catch {
        value = undefined;
      }
      answered.set(name, value);
      if (!Object.hasOwn(copyPrototype, name))
        Object.defineProperty(copyPrototype, name, {
          configurable: true,
          writable: true,
          value: {
            [name](this: object) {
              return answers.get(this)?.get(name);
            },
          }[name],
        });
    }
  }
  const copy = Object.create(copyPrototype) as object;
  answers.set(copy, answered);
  return copy as NodeJS.CallSite;
}
