// Re-exported through `export *`. tedis: new Tedis() connects in its constructor (build/core/base.js:44-60);
// TedisPool only stores options (build/core/pool.js:41-52); Wreck's default client pools nothing.
import { Tedis, TedisPool } from 'tedis';

export const cache = new Tedis({ host: process.env.REDIS_HOST ?? 'cache.internal', port: 6379 }); // expect: SR107 (module scope of a re-exported module: connects at init)
cache.on('error', () => {});
export const pool = new TedisPool({ host: process.env.REDIS_HOST ?? 'cache.internal', port: 6380 }); // expect: none (stores options only)
export function makeClient(port) {
  return new Tedis({ host: process.env.REDIS_HOST ?? 'cache.internal', port }); // expect: none (only called from the handler)
}
