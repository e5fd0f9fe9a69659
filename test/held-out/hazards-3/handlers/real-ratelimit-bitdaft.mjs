// Rewritten from bitDaft/nodejs-express-boilerplate, utils/rateLimiters.js at 8776b325eaf0e1ea6406f9f4419f4cdaa683ea64.
// Changed: a Lambda handler that consumes a point per source IP is added, and the API-key limiter is warmed at init for
// the function's own key (a shape seen in keyed limiters). rate-limiter-flexible 11.4.0: the constructor arms nothing;
// consume() stores a record with setTimeout(duration) (lib/component/MemoryStorage/MemoryStorage.js:46).
import { RateLimiterMemory } from 'rate-limiter-flexible';

export const limiterMiddleware = new RateLimiterMemory({ // expect: none (constructor: an empty MemoryStorage, no timer)
  keyPrefix: 'middleware',
  points: 5,
  duration: 1,
});

export const APIKeylimiterMiddleware = new RateLimiterMemory({ // expect: none (constructor)
  keyPrefix: 'middleware_api',
  points: 50,
  duration: 1,
});
await APIKeylimiterMiddleware.consume(process.env.OWN_API_KEY ?? 'self').catch(() => undefined); // expect: SR106 (a record stored at init: its 1 s expiry setTimeout is armed at the snapshot and fires at once after a restore)

export const handler = async (event) => {
  try {
    await limiterMiddleware.consume(event.requestContext?.identity?.sourceIp ?? 'unknown'); // expect: none (in the handler)
    return { statusCode: 200 };
  } catch {
    return { statusCode: 429 };
  }
};
