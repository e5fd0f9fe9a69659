// meilisearch 0.62: MeiliSearch/Meilisearch is a thin fetch wrapper; nothing happens until a method is awaited.
import { Meilisearch as MeiliSearch } from 'meilisearch';
import { registerAfterRestore } from 'snapshot-restore';

const client = new MeiliSearch({ host: process.env.MEILI_HOST ?? 'http://meili.internal:7700', apiKey: process.env.MEILI_KEY ?? 'masterKey' }); // expect: none (dist/index.js HttpRequests constructor: stores host and headers)
const health = await client.health(); // expect: SR107 (dist/index.js request(): fetch(); Node's global undici pool keeps the socket alive at the snapshot)
const movies = client.index('movies'); // expect: none (an Index object; no request)

let stats = await client.getStats(); // expect: none (the value is a plain object; the socket is this client's, already reported above)
registerAfterRestore(async () => {
  stats = await client.getStats();
});

export const handler = async (event) => {
  const hits = await movies.search(event.q); // expect: none (in the handler)
  return { hits, health, stats };
};
