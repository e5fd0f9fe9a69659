// @opensearch-project/opensearch 3.9: Client builds a ConnectionPool whose Connection owns an https.Agent with keepAlive: true.
import { Client } from '@opensearch-project/opensearch';

const node = process.env.OPENSEARCH_URL ?? 'https://search.internal:9200';

export const search = new Client({ node }); // expect: none (lib/Transport.js, pool/ConnectionPool.js: no request in the constructors)
export const clusterInfo = await search.info(); // expect: SR107 (lib/Connection.js: http(s).Agent({ keepAlive: true }); after the response the socket stays in the agent's free pool at the snapshot)

const logs = new Client({ node: process.env.LOGS_URL ?? 'https://logs.internal:9200', sniffOnStart: true }); // expect: SR107 (lib/Transport.js constructor: sniffOnStart arms a 10 ms setTimeout that runs sniff(), a _nodes request through the keep-alive agent)

const metrics = new Client({ node: process.env.METRICS_URL ?? 'https://metrics.internal:9200' }); // expect: none (constructor only; first used in the handler)

export const handler = async (event: { q: string }) => {
  const r = await metrics.search({ index: 'm', body: { query: { match: { q: event.q } } } }); // expect: none (in the handler)
  return { hits: r.body.hits, version: clusterInfo.body.version, logs: !!logs };
};
