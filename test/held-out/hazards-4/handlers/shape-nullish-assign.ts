// Shape: lazy singletons through `??=` and `||=`, some reached at init through a call, some only from the handler.
// The work happens on the `??=` line inside the getter, where it is expected when init calls the getter.
// tedis: new Tedis() connects in its constructor; rand-token: generate() draws crypto bytes; @internationalized/date:
// now() reads Date.now(); p-throttle's factory arms nothing.
import { Tedis } from 'tedis';
import randtoken from 'rand-token';
import { now } from '@internationalized/date';
import pThrottle from 'p-throttle';

let cache: Tedis | undefined;
function redis(): Tedis {
  cache ??= new Tedis({ host: process.env.REDIS_HOST ?? 'cache.internal', port: 6379 }); // expect: SR107 (the getter is called at init below: the client connects then)
  return cache;
}

let metricsClient: Tedis | undefined;
function metricsRedis(): Tedis {
  metricsClient ??= new Tedis({ host: process.env.METRICS_REDIS ?? 'metrics.internal', port: 6379 }); // expect: none (only the handler calls this getter)
  return metricsClient;
}

const secrets: { csrf?: string; webhook?: string } = {};
const csrfSecret = () => (secrets.csrf ??= randtoken.generate(32)); // expect: SR103 (called at init below: the secret is drawn and kept)
const webhookSecret = () => (secrets.webhook ||= randtoken.generate(32)); // expect: none (only the handler calls it)

const clock: { booted?: ReturnType<typeof now> } = {};
clock.booted ??= now('UTC'); // expect: SR105 (a ZonedDateTime of init's clock kept on the object)

let limiter: ReturnType<typeof pThrottle> | undefined;
const throttle = () => (limiter ??= pThrottle({ limit: 5, interval: 1000 })); // expect: none (a factory: no timer until a throttled call waits)

redis().on('error', () => {});
const token = csrfSecret();
throttle();

export const handler = async (event: { key: string }) => {
  const value = await redis().get(event.key);
  await metricsRedis().incr('hits');
  return { value, token, webhook: webhookSecret(), booted: clock.booted?.toString() };
};
