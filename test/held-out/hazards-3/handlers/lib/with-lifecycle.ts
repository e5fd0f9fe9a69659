// A powertools/middy-style wrapper: withLifecycle(handler, hooks) runs hooks.warm() when it wraps (at init), registers
// hooks.onRestore as an after-restore hook, and calls the handler per invoke.
import { registerAfterRestore } from 'snapshot-restore';

type Hooks = { warm?: () => Promise<void> | void; onRestore?: () => Promise<void> | void };

export function withLifecycle<E, R>(handler: (event: E) => Promise<R>, hooks: Hooks = {}) {
  const warming = hooks.warm ? Promise.resolve(hooks.warm()) : Promise.resolve();
  if (hooks.onRestore) registerAfterRestore(hooks.onRestore);
  return async (event: E) => {
    await warming;
    return handler(event);
  };
}
