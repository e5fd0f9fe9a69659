// ioredis: connects in the constructor unless lazyConnect.
import Redis, { Cluster } from 'ioredis';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

export const eager = new Redis(process.env.REDIS_URL!); // expect: SR107 (ioredis/built/Redis.js constructor: this.connect() unless options.lazyConnect)
export const eagerOptions = new Redis({ host: 'cache', port: 6379 }); // expect: SR107 (same constructor, lazyConnect defaults to false)
export const lazy = new Redis(process.env.REDIS_URL!, { lazyConnect: true }); // expect: none (Redis.js: lazyConnect sets the status to "wait"; the first command connects)
export const lazyPort = new Redis(6379, 'cache', { lazyConnect: true }); // expect: none (same: lazyConnect, in the third argument)
const lazyThenConnected = new Redis({ host: 'cache', lazyConnect: true }); // expect: none (lazy, as above)
await lazyThenConnected.connect(); // expect: SR107 (connect() opens the socket at init)
export const cluster = new Cluster([{ host: 'cache', port: 6379 }]); // expect: SR107 (ioredis/built/cluster/index.js constructor: this.connect() unless lazyConnect)
export const lazyCluster = new Cluster([{ host: 'cache' }], { lazyConnect: true }); // expect: none (cluster/index.js: lazyConnect skips connect())

let renewed = new Redis(process.env.REDIS_URL!); // expect: none (closed before the snapshot and replaced after the restore below)
registerBeforeSnapshot(() => renewed.disconnect());
registerAfterRestore(() => {
  renewed = new Redis(process.env.REDIS_URL!);
});

export const handler = async () => {
  const fresh = new Redis(process.env.REDIS_URL!); // expect: none (in the handler)
  return [await eager.get('k'), await lazy.get('k'), await fresh.get('k'), await renewed.get('k')];
};
