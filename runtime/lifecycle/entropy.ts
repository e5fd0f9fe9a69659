// Node's crypto.randomUUID() serves UUIDs from a cache of random bytes for 128 of them, filled
// at first use. A snapshot taken after any call at init (by your code, or by a library: the AWS
// SDK makes an ID per request) clones that cache, so every restored environment would hand out
// the same next UUIDs. Right after a restore, use up whatever is left of the cache: the cache
// refills itself from fresh randomness once it is exhausted, so within 128 calls it has.
import { randomUUID } from 'node:crypto';

const CACHED_UUIDS = 128;

export function renewUuidCache(): void {
  for (let i = 0; i < CACHED_UUIDS; i++) randomUUID();
}
