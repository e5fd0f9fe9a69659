// Shape: clients created inside helper functions that top-level code calls (so they run at init), and one only the handler calls.
import Valkey from 'iovalkey';
import neo4j, { type Driver } from 'neo4j-driver';
import { Client } from '@opensearch-project/opensearch';

function makeCache(url: string) {
  return new Valkey(url); // expect: SR107 (makeCache() is called at init below: built/Redis.js connects in the constructor)
}

async function connectGraph(): Promise<Driver> {
  const driver = neo4j.driver(process.env.NEO4J_URI ?? 'neo4j://graph.internal:7687'); // expect: none (lazy driver)
  await driver.verifyConnectivity(); // expect: SR107 (connectGraph() is awaited at init: the verified connection is released to the pool, open)
  return driver;
}

function searchClient() {
  return new Client({ node: process.env.OPENSEARCH_URL ?? 'https://search.internal:9200' }); // expect: none (no request in the constructor)
}

async function lateCache() {
  return new Valkey(process.env.LATE_URL ?? 'redis://late.internal:6379'); // expect: none (only the handler calls lateCache())
}

export const cache = makeCache(process.env.VALKEY_URL ?? 'redis://valkey.internal:6379'); // expect: none (the socket is reported inside makeCache, where it opens)
export const graph = await connectGraph(); // expect: none (reported inside connectGraph)
export const search = searchClient(); // expect: none (a lazy client)

export const handler = async () => {
  const late = await lateCache();
  return { a: cache.status, b: !!graph, c: (await search.ping()).statusCode, d: late.status }; // expect: none (in the handler)
};
