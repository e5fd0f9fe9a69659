// Loaded by shape-dynamic-import.ts with a top-level await import(): its top level runs at init.
import { Client } from '@opensearch-project/opensearch';
import NodeCache from 'node-cache';

export const search = new Client({ node: process.env.OPENSEARCH_URL ?? 'https://search.internal:9200' }); // expect: none (no request in the constructor)
export const mapping = await search.indices.getMapping({ index: 'products' }).catch(() => null); // expect: SR107 (runs at init because the importer awaits this module at top level: the keep-alive agent keeps the socket)
export const hits = new NodeCache({ stdTTL: 60, checkperiod: 30 }); // expect: SR106 (checkperiod 30: setTimeout armed at init)
