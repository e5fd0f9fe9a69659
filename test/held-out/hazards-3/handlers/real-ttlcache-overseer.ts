// Rewritten from LonelyDeathVGX/OverseerDashboard, src/lib/Cache.ts at e46a80b9014ef705dafb3a69245ee3bce78585bb.
// Changed: the default import of @isaacs/ttlcache 1.x becomes the named import of 2.x, the cache is warmed at init with
// the guild list (as the dashboard's loaders do) and a Lambda handler is added. @isaacs/ttlcache 2.1.5: the constructor
// arms nothing; set() with a finite ttl arms setTimeout in setTimer() (dist/esm/index.js:67).
import { TTLCache } from '@isaacs/ttlcache';

export const cache = new TTLCache({ // expect: none (constructor)
  max: 100,
  ttl: 10000,
});
cache.set('guilds', JSON.parse(process.env.GUILDS ?? '[]')); // expect: SR106 (set() at init with the 10 s default ttl: the purge setTimeout is armed at the snapshot)

export const handler = async (event: { key: string }) => {
  if (!cache.has(event.key)) cache.set(event.key, { loaded: true }); // expect: none (in the handler)
  return { v: cache.get(event.key), guilds: cache.get('guilds') };
};
