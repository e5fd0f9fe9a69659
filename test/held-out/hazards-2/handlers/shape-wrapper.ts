// Shape: a handler wrapper whose factory runs at init (arming a flush timer), like middy-style middleware.
import StatsD from 'hot-shots';
import { PostHog } from 'posthog-node';

type Handler<E, R> = (event: E) => Promise<R>;

function withMetrics<E, R>(fn: Handler<E, R>): Handler<E, R> {
  const statsd = new StatsD({ host: 'statsd.internal', maxBufferSize: 1024 }); // expect: SR106 (withMetrics() runs at init, where the handler is exported: maxBufferSize > 0 arms the flush setInterval)
  const flushEvery = setInterval(() => statsd.increment('heartbeat'), 60_000); // expect: SR106 (a heartbeat interval armed when the wrapper is made, at init)
  flushEvery.unref();
  return async (event) => {
    const t0 = performance.now();
    try {
      return await fn(event);
    } finally {
      statsd.timing('duration', performance.now() - t0); // expect: none (in the handler)
    }
  };
}

function withAnalytics<E, R>(fn: Handler<E, R>): Handler<E, R> {
  return async (event) => {
    const ph = new PostHog('phc_local', { flushAt: 1 }); // expect: none (made per invocation)
    ph.capture({ distinctId: 'x', event: 'invoke' });
    await ph.shutdown();
    return fn(event);
  };
}

export const handler = withMetrics(withAnalytics(async (event: { n: number }) => ({ doubled: event.n * 2 })));
