// @elastic/elasticsearch 8: the client's pool connects on the first request.
import { Client } from '@elastic/elasticsearch';

export const client = new Client({ node: 'https://search.example.com:9200' }); // expect: none (the transport's connection pool makes UndiciConnection objects; no socket before a request)
await client.ping(); // expect: SR107 (a request through the transport's keep-alive undici pool at init: the socket stays open into the snapshot)

export const handler = async () => client.search({ index: 'i' }); // expect: none (in the handler)
