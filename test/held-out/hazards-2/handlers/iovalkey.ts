// iovalkey 0.4 (the Valkey fork of ioredis): the constructor connects unless lazyConnect.
import Valkey from 'iovalkey';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

export const cache = new Valkey(process.env.VALKEY_URL ?? 'redis://valkey.internal:6379'); // expect: SR107 (built/Redis.js constructor: lazyConnect defaults to false, so connect() runs and the socket is open at the snapshot)
const lazy = new Valkey({ host: 'valkey.internal', port: 6379, lazyConnect: true }); // expect: none (built/Redis.js: lazyConnect: true, status "wait"; it connects on the first command)

let sessions = new Valkey(process.env.SESSIONS_URL ?? 'redis://valkey-sessions.internal:6379'); // expect: none (quit before the snapshot and made again after the restore by the hooks below)
registerBeforeSnapshot(async () => {
  await sessions.quit();
});
registerAfterRestore(() => {
  sessions = new Valkey(process.env.SESSIONS_URL ?? 'redis://valkey-sessions.internal:6379');
});

const cluster = new Valkey.Cluster([{ host: 'valkey-c1.internal', port: 6379 }], { lazyConnect: true }); // expect: none (built/cluster/index.js: lazyConnect: true defers connect())

export const handler = async (event: { k: string }) => {
  const perRequest = new Valkey({ host: 'valkey.internal', lazyConnect: true }); // expect: none (in the handler)
  return { a: await cache.get(event.k), b: await lazy.get(event.k), c: await sessions.get(event.k), d: await cluster.get(event.k), e: perRequest.status };
};
