// p-throttle 8.1.1 (index.js): pThrottle() returns a wrapper factory; a call runs at once while the window has room
// (windowedDelay) and otherwise waits on `setTimeout(execute, delay)` (line 251), a timer that stays armed if init
// does not await the call. cache-manager 7.2.9 over keyv's in-memory Map: set() stores `expires: Date.now() + ttl`
// and get() compares it (dist/index.mjs:285-295): no timer. expiry-map 2.0.0: set() stores Date.now() + maxAge and
// map-age-cleaner wraps the Map's set, arming `processingTimer = setTimeout(...)` for the oldest entry
// (map-age-cleaner/dist/index.js:23); ExpiryMap.clear() is the plain Map clear and leaves that timer armed.
// memoize 10.2.0 (distribution/index.js:82-91): with maxAge each cached result arms `setTimeout(() =>
// cache.delete(key), maxAge)` (unref'd); memoizeClear() clears those timers.
import pThrottle from 'p-throttle';
import { createCache } from 'cache-manager';
import ExpiryMap from 'expiry-map';
import memoize, { memoizeClear } from 'memoize';
import { registerBeforeSnapshot } from 'snapshot-restore';

const throttle = pThrottle({ limit: 1, interval: 1000 }); // expect: none (returns a factory: no timer)
const callPartner = throttle(async (path) => ({ path })); // expect: none (a wrapper: no timer)
await callPartner('/warm'); // expect: none (the window is empty: runs at once)
const awaited = await callPartner('/settled'); // expect: none (the delay timer fires before init finishes: awaited)
callPartner('/prefetch'); // expect: SR106 (the window is full: setTimeout(execute, ~1 s) armed at init and not awaited)

const cache = createCache({ ttl: 10 * 60_000 }); // expect: none (a keyv Map: no timer)
await cache.set('rates', { EUR: 1.08 }); // expect: none (stores an expiry time; nothing is armed)

const sessions = new ExpiryMap(15 * 60_000); // expect: none (the constructor wraps the Map: nothing to clean yet)
sessions.set('system', { role: 'admin' }); // expect: SR106 (map-age-cleaner arms a setTimeout for this entry at init)
const tenants = new ExpiryMap(60_000);
tenants.set('acme', { plan: 'pro' }); // expect: SR106 (clear() before the snapshot empties the Map but does not cancel map-age-cleaner's timer)
registerBeforeSnapshot(() => tenants.clear());

const loadProfile = memoize(async (id) => ({ id, loadedFrom: 'db' }), { maxAge: 60_000 }); // expect: none (wraps the function: no timer yet)
await loadProfile('system'); // expect: SR106 (a result cached at init with maxAge: its delete timer is armed)
const loadCountry = memoize((code) => code.toUpperCase()); // expect: none (no maxAge)
loadCountry('de'); // expect: none (cached without a timer)
const loadPlan = memoize(async (id) => ({ id }), { maxAge: 300_000 });
await loadPlan('free'); // expect: none (memoizeClear before the snapshot clears the timer)
registerBeforeSnapshot(() => memoizeClear(loadPlan));

export const handler = async (event) => {
  sessions.set(event.session, { at: event.at }); // expect: none (in the handler)
  const profile = await loadProfile(event.user); // expect: none (in the handler)
  return { profile, plan: await loadPlan('free'), rates: await cache.get('rates'), partner: await callPartner(event.path), awaited, t: tenants.get('acme'), c: loadCountry('fr') };
};
