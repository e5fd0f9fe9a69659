// Node's crypto keeps two caches of random bytes that a snapshot clones into every restored
// environment (read from Node's lib/internal/crypto/random.js):
// - randomUUID() serves UUIDs from a batch of 128 (16 bytes each), refilled when the batch wraps;
// - randomInt() draws 6 bytes a try from a 6 KB cache (1024 draws), refilled when it is used up.
// Right after a restore, use up whatever is left of each: both refill themselves from fresh
// randomness once exhausted, so after these calls nothing drawn before the snapshot is served again.
// (randomUUID({ disableEntropyCache: true }) and randomBytes() never cache.)
import { randomInt, randomUUID } from 'node:crypto';

const CACHED_UUIDS = 128;
const CACHED_INT_DRAWS = 1024;

export function renewEntropyCaches(): void {
  for (let i = 0; i < CACHED_UUIDS; i++) randomUUID();
  // randomInt(1) draws once and never rejects a draw: exactly one 6-byte slot per call.
  for (let i = 0; i < CACHED_INT_DRAWS; i++) randomInt(1);
}
