// @logtail/node 0.5.9: new Logtail() builds its sync function and an http(s) Agent without keepAlive
// (node/dist/cjs/node.js:96-101), so a sent batch does not leave its socket open; log()/info() push into the batcher,
// which arms `setTimeout(flush, batchInterval)` (1 s) when a batch starts (tools/dist/cjs/batch.js:77-86);
// flush() clears it and sends. aws-embedded-metrics 4.2.1: createMetricsLogger() makes a MetricsContext whose
// meta.Timestamp is `Date.now()` when no timestamp is given (lib/logger/MetricsContext.js:53-68); putMetric() adds to
// that context and flush() emits it with that timestamp, then starts a new context; setTimestamp(t) pins the time
// for every later flush; metricScope(fn) makes a logger per call.
import { Logtail } from '@logtail/node';
import { createMetricsLogger, metricScope, Unit } from 'aws-embedded-metrics';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

const endpoint = process.env.LOGTAIL_ENDPOINT ?? 'http://logs.internal:8080';

const logtail = new Logtail(process.env.LOGTAIL_TOKEN ?? 'dev-token', { endpoint, ignoreExceptions: true }); // expect: none (no timer, no socket until a log)
logtail.info('cold start', { fn: 'orders' }); // expect: SR106 (the batcher arms its 1 s flush setTimeout at init; nothing awaits it)

const audit = new Logtail(process.env.LOGTAIL_TOKEN ?? 'dev-token', { endpoint, ignoreExceptions: true });
void audit.info('config loaded', { version: 3 }); // expect: none (flushed before the snapshot: flush() clears the batch timer)
registerBeforeSnapshot(() => audit.flush());

const sent = new Logtail(process.env.LOGTAIL_TOKEN ?? 'dev-token', { endpoint, ignoreExceptions: true });
void sent.warn('schema migrated'); // expect: none (the flush awaited on the next line clears the timer)
await sent.flush().catch(() => undefined); // expect: none (sent at init through logtail's own agent, which has no keepAlive: the socket is closed after the response)

const metrics = createMetricsLogger(); // expect: SR105 (the context's timestamp is Date.now() at init: the first flush after a restore reports init's time)
metrics.setNamespace('Orders'); // expect: none (configuration)
const pinned = createMetricsLogger();
pinned.setTimestamp(new Date()); // expect: SR105 (pins init's time for every flush of this logger)

let perRestore = createMetricsLogger(); // expect: none (replaced after each restore)
registerAfterRestore(() => {
  perRestore = createMetricsLogger();
});

export const handler = metricScope((scoped) => async (event: { ms: number }) => {
  scoped.putMetric('Latency', event.ms, Unit.Milliseconds); // expect: none (a logger per invoke)
  metrics.putMetric('Orders', 1, Unit.Count);
  await metrics.flush();
  perRestore.putMetric('Restored', 1, Unit.Count);
  await logtail.info('order', { ms: event.ms }); // expect: none (in the handler)
  return { ok: true, pinned: !!pinned };
});
