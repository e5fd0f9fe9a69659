// generic-pool 3.9.0: createPool() starts the pool (autostart defaults to true, lib/Pool.js:127); start() arms the
// evictor with setTimeout when evictionRunIntervalMillis > 0 (Pool.js _scheduleEvictorRun) and creates `min`
// resources through factory.create() (_ensureMinimum).
import net from 'node:net';
import genericPool from 'generic-pool';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

const socketFactory = {
  create: () =>
    new Promise((resolve, reject) => {
      const s = net.connect({ host: process.env.BACKEND_HOST ?? 'backend.internal', port: 7000 }); // expect: SR107 (called by the pool's _ensureMinimum at init for min: 2: sockets open at the snapshot)
      s.once('connect', () => resolve(s));
      s.once('error', reject);
    }),
  destroy: async (s) => s.destroy(),
};

export const sockets = genericPool.createPool(socketFactory, { min: 2, max: 10, evictionRunIntervalMillis: 30_000 }); // expect: SR106 (start() → _scheduleEvictorRun: setTimeout armed at init)

const objects = genericPool.createPool({ create: async () => ({ at: 0 }), destroy: async () => undefined }, { max: 5 }); // expect: none (no min, no evictor: start() arms and creates nothing)

const deferred = genericPool.createPool(socketFactory, { min: 1, autostart: false, evictionRunIntervalMillis: 10_000 }); // expect: none (autostart: false: nothing runs until the first acquire in the handler)

let workers = genericPool.createPool({ create: async () => ({}), destroy: async () => undefined }, { evictionRunIntervalMillis: 60_000 }); // expect: none (drained before the snapshot and made again after the restore)
registerBeforeSnapshot(async () => {
  await workers.drain();
  await workers.clear();
});
registerAfterRestore(() => {
  workers = genericPool.createPool({ create: async () => ({}), destroy: async () => undefined }, { evictionRunIntervalMillis: 60_000 });
});

export const handler = async () => {
  const o = await objects.acquire();
  await objects.release(o);
  const d = await deferred.acquire().catch(() => undefined);
  return { size: sockets.size, d: !!d, w: workers.size };
};
