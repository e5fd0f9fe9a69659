// keyv 6: an in-memory Map store by default.
import Keyv from 'keyv';

export const cache = new Keyv({ namespace: 'users', ttl: 60_000 }); // expect: none (keyv: the default store is a Map; no socket, no timer)
await cache.set('boot', 'ok'); // expect: none (keyv: writes to the Map with expires = now + ttl, checked on the next get(); no timer, and the entry ages from when it was made, as it should)

export const handler = async (event: { id: string }) => {
  const hit = await cache.get(event.id);
  if (hit) return hit;
  await cache.set(event.id, { at: Date.now() }); // expect: none (in the handler)
  return null;
};
