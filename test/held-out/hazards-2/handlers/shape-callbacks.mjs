// Shape: work started at init through an async IIFE, .then() chains and event callbacks.
import neo4j from 'neo4j-driver';
import { Meilisearch as MeiliSearch } from 'meilisearch';
import { nanoid as _unused } from './lib/no-nanoid.mjs';
import toad from 'toad-scheduler';
import { Instant } from '@js-joda/core';

const driver = neo4j.driver(process.env.NEO4J_URI ?? 'neo4j://graph.internal:7687'); // expect: none (lazy)
(async () => {
  await driver.verifyConnectivity(); // expect: SR107 (the IIFE runs at init: the verified connection stays in the pool)
})().catch(() => undefined);

const meili = new MeiliSearch({ host: process.env.MEILI_HOST ?? 'http://meili.internal:7700' }); // expect: none (lazy)
let indexes = [];
meili.getIndexes().then((r) => { // expect: SR107 (the request starts at init; fetch keeps the socket alive)
  indexes = r.results;
}, () => undefined);

let loadedAt;
Promise.resolve().then(() => {
  loadedAt = Instant.now(); // expect: SR105 (a microtask of init: the time is kept)
});

const scheduler = new toad.ToadScheduler(); // expect: none (no job)
process.on('beforeExit', () => {
  scheduler.stop(); // expect: none (runs at exit, not at init)
});

export const handler = async () => ({ indexes, loadedAt: String(loadedAt), _unused: typeof _unused });
