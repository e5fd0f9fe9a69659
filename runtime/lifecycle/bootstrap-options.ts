// The one way the bootstrap's options and a handler's own `snapStart(options)` combine. An ESM
// handler that ends in `await snapStart()` starts the lifecycle from inside the bootstrap's
// import(), before the bootstrap's own call: without this, its options alone would be used and
// the deployment's SNAPSHOT_RESTORE_* variables and startRuntime() options silently dropped.
// Rule (docs/bootstrap.md): per option, a value the bootstrap was given (variable or
// startRuntime option) wins, because it is the deployment's setting; the handler's snapStart()
// options fill the rest; then the defaults. Whoever calls first, the lifecycle runs once, with
// the bootstrap's Runtime API client (so an invoke RAPID sends on /restore/next is served).
import { registry } from '../hooks/registry.js';
import { checkOptions } from './env-options.js';
import { runLifecycle, type LifecycleOptions, type LifecycleState } from './lifecycle.js';
import type { RuntimeApiClient } from '../runtime-api/client.js';

/** Combines `given` (what the bootstrap was given) with the first lifecycle call, whoever makes it. */
export function combineWithBootstrapOptions(given: LifecycleOptions, client: () => RuntimeApiClient): void {
  const state = registry() as LifecycleState;
  if (state.lifecycle || state.driver) return; // already running, or emulate drives it
  const explicit = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
  const driver = (options: LifecycleOptions) => {
    if (state.driver === driver) state.driver = undefined;
    try {
      return runLifecycle(client, { ...checkOptions(options, 'snapStart()'), ...explicit });
    } catch (error) {
      return Promise.reject(error);
    }
  };
  state.driver = driver;
}
