// prom-client 15.1: collectDefaultMetrics registers collectors evaluated on scrape (no timers in lib/defaultMetrics.js).
import client from 'prom-client';

const register = new client.Registry(); // expect: none (a registry object)
client.collectDefaultMetrics({ register, prefix: 'fn_' }); // expect: none (lib/defaultMetrics.js: registers metric collect() callbacks; no setInterval/setTimeout)
const invocations = new client.Counter({ name: 'fn_invocations_total', help: 'invocations', registers: [register] }); // expect: none (a counter)
const started = new client.Gauge({ name: 'fn_started_seconds', help: 'start time', registers: [register] }); // expect: none (a gauge)
started.setToCurrentTime(); // expect: SR105 (lib/gauge.js setToCurrentTime(): set(Date.now() / 1000); the start time is kept in the gauge and every restored environment reports the snapshot's time)

const duration = new client.Histogram({ name: 'fn_duration_seconds', help: 'duration', registers: [register] }); // expect: none (a histogram)

export const handler = async () => {
  const end = duration.startTimer(); // expect: none (in the handler)
  invocations.inc();
  end();
  return register.metrics();
};
