// lru-cache 11.5: with ttlAutopurge, set() with a ttl arms a setTimeout per entry.
import { LRUCache } from 'lru-cache';

const plain = new LRUCache({ max: 500, ttl: 60_000 }); // expect: none (dist/esm/index.js constructor: arrays only; no timer without ttlAutopurge)
plain.set('region', process.env.AWS_REGION ?? 'us-east-1'); // expect: none (without ttlAutopurge setPurgeTimer is a no-op)

const purged = new LRUCache({ max: 100, ttl: 300_000, ttlAutopurge: true }); // expect: none (no entry yet: no timer)
purged.set('flags', { beta: true }); // expect: SR106 (#setItemTTL → setPurgeTimer(): ttlAutopurge arms setTimeout(ttl + 1) for the entry, pending at the snapshot)

const memo = new LRUCache({ max: 50, ttl: 10_000, ttlAutopurge: true }); // expect: none (filled only in the handler)

export const handler = async (event) => {
  memo.set(event.key, Date.now()); // expect: none (in the handler)
  return { region: plain.get('region'), flags: purged.get('flags'), n: memo.size };
};
