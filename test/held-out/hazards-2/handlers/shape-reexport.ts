// Shape: hooks registered through a project module that re-exports and wraps the runtime's functions.
import Valkey from 'iovalkey';
import neo4j from 'neo4j-driver';
import NodeCache from 'node-cache';
import { onRestore, onSnapshot, renewable } from './lib/lifecycle.ts';

let cache = new Valkey(process.env.VALKEY_URL ?? 'redis://valkey.internal:6379'); // expect: none (quit before the snapshot and made again after the restore through the re-exported onSnapshot/onRestore)
onSnapshot(() => cache.quit());
onRestore(() => {
  cache = new Valkey(process.env.VALKEY_URL ?? 'redis://valkey.internal:6379');
});

const graph = renewable(() => neo4j.driver(process.env.NEO4J_URI ?? 'neo4j://graph.internal:7687'), (d) => d.close()); // expect: none (renewable() closes the driver before the snapshot and makes a new one after the restore)
await graph.current.verifyConnectivity().catch(() => undefined); // expect: none (the driver is closed by renewable's before-snapshot hook)

const memo = new NodeCache({ stdTTL: 60 }); // expect: SR106 (lib/node_cache.js: the default checkperiod 600 arms setTimeout at construction; no hook touches memo)

const events = new Valkey(process.env.EVENTS_URL ?? 'redis://valkey-events.internal:6379'); // expect: SR107 (built/Redis.js: connects in the constructor; no hook of this module renews it)

export const handler = async (event: { k: string }) => ({
  a: await cache.get(event.k),
  b: await graph.current.executeQuery('RETURN 1'),
  c: memo.get(event.k),
  d: await events.get(event.k),
});
