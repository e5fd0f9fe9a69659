// Shape: top-level `for await` over async generators. The generator bodies run at init as the loop pulls them, so the
// work is expected inside them. libsodium-wrappers: crypto_secretbox_keygen draws a key; bson-objectid: ObjectID()
// generates; @js-temporal/polyfill: Temporal.Now.instant() reads the clock; algoliasearch: a request through its
// keep-alive agent (@algolia/requester-node-http dist/requester.http.cjs:44-46).
import sodium from 'libsodium-wrappers';
import ObjectID from 'bson-objectid';
import { Temporal } from '@js-temporal/polyfill';
import { algoliasearch } from 'algoliasearch';

await sodium.ready;

async function* keyRing(size) {
  for (let i = 0; i < size; i++) {
    yield { kid: `k${i}`, key: sodium.crypto_secretbox_keygen() }; // expect: SR103 (pulled by the top-level for await: keys drawn at init and kept in the ring)
  }
}

async function* shardIds(names) {
  for (const name of names) yield { name, id: ObjectID().toHexString(), at: Temporal.Now.instant().toString() }; // expect: SR104 SR105 (an ObjectID and init's clock kept per shard)
}

async function* indexNames() {
  yield 'products';
  yield 'brands';
}

async function* pages(client, indexName) {
  let page = 0;
  while (page < 2) {
    const res = await client.searchSingleIndex({ indexName, searchParams: { query: '', page } }).catch(() => undefined); // expect: none (only the handler drives this generator)
    yield res;
    page++;
  }
}

const ring = [];
for await (const entry of keyRing(3)) ring.push(entry);

const shards = new Map();
for await (const shard of shardIds(['eu', 'us'])) shards.set(shard.name, shard);

const indexes = [];
for await (const name of indexNames()) indexes.push(name); // expect: none (constant names: nothing drawn)

const search = algoliasearch(process.env.ALGOLIA_APP_ID ?? 'APPID', process.env.ALGOLIA_API_KEY ?? 'key');

export const handler = async () => {
  let hits = 0;
  for await (const res of pages(search, indexes[0])) hits += res?.nbHits ?? 0;
  return { hits, ring: ring.length, shards: [...shards.keys()] };
};
