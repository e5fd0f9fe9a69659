// Part of the barrel: the entry never uses `loadedAt`, but the module is evaluated all the same when the barrel loads.
import { Temporal } from 'temporal-polyfill';

export const loadedAt = Temporal.Now.instant(); // expect: SR105 (module scope evaluated at init through the barrel re-export, even though the entry does not use it)
export const epoch = Temporal.Instant.from('2026-01-01T00:00:00Z'); // expect: none (a given instant)
