// @isaacs/ttlcache 2.1.5: set() with a finite ttl calls setTimer(), which arms `setTimeout(() => purgeStale()...)`
// (dist/esm/index.js:67, unref'd but armed); the constructor arms nothing. memoizee 0.4.17: with maxAge, every cached
// result arms `setTimeout(() => conf.delete(id), maxAge)` (ext/max-age.js:28); without maxAge nothing is armed.
import { TTLCache } from '@isaacs/ttlcache';
import memoize from 'memoizee';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

const rates = new TTLCache<string, number>({ ttl: 60_000, max: 500 }); // expect: none (constructor: no timer until set)
rates.set('EUR', 1.08); // expect: SR106 (set() with ttl 60 s → setTimer: setTimeout armed at init)
const forever = new TTLCache<string, string>({ ttl: Infinity }); // expect: none (constructor)
forever.set('region', process.env.AWS_REGION ?? 'eu-west-1'); // expect: none (ttl Infinity: index.js skips setTimer)

async function loadPlan(id: string) {
  return { id, limits: 10 };
}
const getPlan = memoize(loadPlan, { promise: true, maxAge: 5 * 60_000 }); // expect: none (memoize() wraps the function: no timer until a result is cached)
await getPlan('free'); // expect: SR106 (a result cached at init: ext/max-age.js arms its setTimeout(maxAge))
const getStatic = memoize((k: string) => k.toUpperCase()); // expect: none (no maxAge: no timer)
getStatic('warm'); // expect: none (cached without a timer)

const sessions = new TTLCache<string, object>({ ttl: 30_000 });
sessions.set('boot', { at: 'init' }); // expect: none (the cache is cleared before the snapshot, cancelling its timer)
registerBeforeSnapshot(() => sessions.clear());

const getUser = memoize(async (id: string) => ({ id }), { promise: true, maxAge: 60_000 });
await getUser('system'); // expect: none (cleared before the snapshot and warmed again after the restore)
registerBeforeSnapshot(() => getUser.clear());
registerAfterRestore(() => getUser('system'));

export const handler = async (event: { plan: string; cur: string }) => {
  rates.set(event.cur, 1); // expect: none (in the handler)
  return { plan: await getPlan(event.plan), rate: rates.get(event.cur), region: forever.get('region'), s: getStatic('x') };
};
