// limiter 4.1.0: RateLimiter and TokenBucket keep performance.now() from their constructors (dist/esm/RateLimiter.js:30
// curIntervalStart, TokenBucket.js:59 lastDrip) and compare it with the time of each call: after a restore the first
// call sees a long gap and starts a fresh interval / refills the bucket, which is what an idle limiter does anyway.
// rate-limiter-flexible 11.4.0: RateLimiterMemory arms nothing when made; each consume() stores a record and arms
// `setTimeout(() => this._storage.delete(key), durationMs)` when duration > 0 (MemoryStorage.js:46).
import { RateLimiter, TokenBucket } from 'limiter';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { registerBeforeSnapshot } from 'snapshot-restore';

const outbound = new RateLimiter({ tokensPerInterval: 50, interval: 'second' }); // expect: none (keeps performance.now() as the interval start, but a stale start only makes the first call after a restore open a new interval: no shared or wrong behaviour)
const bucket = new TokenBucket({ bucketSize: 100, tokensPerInterval: 10, interval: 'minute' }); // expect: none (lastDrip from init only refills the bucket on the first call after a restore, as after any idle period)
await outbound.removeTokens(1); // expect: none (TokenBucket starts empty (content = 0, TokenBucket.js:58), so removeTokens waits about 20 ms on a timer that init awaits: fired before the snapshot)

const perIp = new RateLimiterMemory({ points: 20, duration: 60 }); // expect: none (constructor: an empty MemoryStorage)
await perIp.consume('127.0.0.1').catch(() => undefined); // expect: SR106 (a record stored at init arms MemoryStorage's setTimeout(duration 60 s))
const lifetime = new RateLimiterMemory({ points: 1000, duration: 0 }); // expect: none (duration 0: records never expire)
await lifetime.consume('bootstrap').catch(() => undefined); // expect: none (durationMs 0: MemoryStorage.set arms no timer)

const login = new RateLimiterMemory({ points: 5, duration: 900, keyPrefix: 'login' });
await login.consume('warmup').catch(() => undefined); // expect: none (the key is deleted before the snapshot, which clears its timer)
registerBeforeSnapshot(() => login.delete('warmup'));

export const handler = async (event) => {
  await perIp.consume(event.ip); // expect: none (in the handler)
  await bucket.removeTokens(1);
  return { left: outbound.getTokensRemaining() };
};
