// HTTP SDKs whose clients open nothing until a request. @upstash/qstash 2.12.0: Client and Receiver only store
// config; publishJSON() calls the global fetch (chunk-F7X2AQ7W.mjs HttpClient.request: `await fetch(url, ...)`), whose
// undici pool keeps the socket alive. algoliasearch 5.65.1: algoliasearch() builds a transporter whose node requester
// uses `new http(s).Agent({ keepAlive: true })` (@algolia/requester-node-http dist/requester.http.cjs:44-46); a
// request at init leaves its socket in that agent. Receiver.verify only hashes (no I/O).
import { Client, Receiver } from '@upstash/qstash';
import { algoliasearch } from 'algoliasearch';

const qstash = new Client({ token: process.env.QSTASH_TOKEN ?? 'qstash-dev', baseUrl: process.env.QSTASH_URL ?? 'http://qstash.internal:8080' }); // expect: none (stores config: no request)
const receiver = new Receiver({ currentSigningKey: process.env.QSTASH_CURRENT_SIGNING_KEY ?? 'k1', nextSigningKey: process.env.QSTASH_NEXT_SIGNING_KEY ?? 'k2' }); // expect: none (a verifier: no I/O)
await qstash.publishJSON({ url: 'http://hooks.internal/boot', body: { fn: 'orders', event: 'cold-start' } }).catch(() => undefined); // expect: SR107 (a request at init through the global fetch: its keep-alive socket is pooled at the snapshot)

const search = algoliasearch(process.env.ALGOLIA_APP_ID ?? 'APPID', process.env.ALGOLIA_API_KEY ?? 'key'); // expect: none (builds the transporter: no request)
await search.setSettings({ indexName: 'products', indexSettings: { searchableAttributes: ['name', 'brand'] } }).catch(() => undefined); // expect: SR107 (a request at init through algolia's keep-alive agent)

export const handler = async (event: { body: string; signature: string; q: string }) => {
  await receiver.verify({ body: event.body, signature: event.signature }).catch(() => false);
  const hits = await search.searchSingleIndex({ indexName: 'products', searchParams: { query: event.q } }); // expect: none (in the handler)
  await qstash.publishJSON({ url: 'http://hooks.internal/search', body: { q: event.q } }); // expect: none (in the handler)
  return { hits: hits.nbHits };
};
