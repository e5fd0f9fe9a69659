// Signal listeners added at init, for `emulate --platform`. A web app often ends its server on
// SIGTERM (`process.on('SIGTERM', () => server.close())`); the first listener for a signal opens
// a signal handle, which a V8 startup snapshot cannot hold (the build aborts: "global handle not
// serialized"). So while the snapshot is built, listeners for signals are recorded instead of
// added, and each start from the snapshot adds them, in order, before anything else runs.
import { constants } from 'node:os';
import v8 from 'node:v8';

type Method = 'on' | 'addListener' | 'once' | 'prependListener' | 'prependOnceListener';
type Listener = (...args: unknown[]) => void;

const SIGNALS = new Set(Object.keys(constants.signals));
const KEY = Symbol.for('snapshot-restore.emulate.deferred-signals');

interface Recorded {
  method: Method;
  signal: string;
  listener: Listener;
}

function recorded(): Recorded[] {
  const store = globalThis as { [KEY]?: Recorded[] };
  return (store[KEY] ??= []);
}

/** In the build: signal listeners are recorded until the heap is written, then process's methods are its own again. */
export function deferSignals(): void {
  const target = process as unknown as Record<string, (...args: unknown[]) => unknown>;
  const originals = new Map<string, (...args: unknown[]) => unknown>();
  for (const method of ['on', 'addListener', 'once', 'prependListener', 'prependOnceListener'] as const) {
    const original = target[method];
    originals.set(method, original);
    target[method] = function (this: unknown, event: unknown, listener: unknown) {
      if (typeof event === 'string' && SIGNALS.has(event) && typeof listener === 'function') {
        recorded().push({ method, signal: event, listener: listener as Listener });
        return process;
      }
      return original.call(this, event, listener);
    };
  }
  for (const method of ['off', 'removeListener'] as const) {
    const original = target[method];
    originals.set(method, original);
    target[method] = function (this: unknown, event: unknown, listener: unknown) {
      const list = recorded();
      const index = list.findIndex((entry) => entry.signal === event && entry.listener === listener);
      if (index !== -1) {
        list.splice(index, 1);
        return process;
      }
      return original.call(this, event, listener);
    };
  }
  v8.startupSnapshot.addSerializeCallback(() => {
    for (const [method, original] of originals) target[method] = original;
  });
}

/** The signals init listened for, as `SIGTERM` (for the report). */
export function deferredSignals(): string[] {
  return recorded().map((entry) => entry.signal);
}

/** After the restore: the listeners init added for signals are added now. */
export function replaySignals(): void {
  const target = process as unknown as Record<Method, (event: string, listener: Listener) => unknown>;
  for (const { method, signal, listener } of recorded().splice(0)) target[method](signal, listener);
}
