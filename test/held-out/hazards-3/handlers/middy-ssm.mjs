// @middy/ssm 6.4.5: ssmMiddleware(opts) prefetches when it is made: `if (canPrefetch(options)) { client =
// createPrefetchClient(options); processCache(options, fetchRequest) }` (index.js:168-171), and canPrefetch is
// `!options.awsClientAssumeRole && !options.disablePrefetch` (@middy/util). The fetched values stay in middy's cache
// for cacheExpiry (-1 by default: forever).
import middy from '@middy/core';
import ssm from '@middy/ssm';

const base = async (event, context) => ({ ok: true, hasKey: !!context.apiKey, id: event.id });

export const handler = middy(base) // expect: none (middy(): a wrapper, no I/O)
  .use(ssm({ fetchData: { apiKey: '/orders/prod/api-key' }, setToContext: true })); // expect: SR108 (ssm() prefetches at init: the decrypted SecureString is cached forever (cacheExpiry -1) and every restored environment uses it)

export const lazyHandler = middy(base).use(ssm({ fetchData: { apiKey: '/orders/prod/api-key' }, disablePrefetch: true, cacheExpiry: 15 * 60 * 1000, setToContext: true })); // expect: none (disablePrefetch: fetched on the first invoke, and the cache expires)

export const expiringHandler = middy(base).use(ssm({ fetchData: { token: '/orders/prod/token' }, cacheExpiry: 60_000, setToContext: true })); // expect: SR106 (prefetched at init with cacheExpiry 60 s: @middy/util processCache arms `refresh = setTimeout(() => processCache(...), duration)` at init; the value itself is refetched after a restore because getCache compares its expiry with Date.now() of the invoke)
