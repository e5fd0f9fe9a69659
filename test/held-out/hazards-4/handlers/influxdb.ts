// @influxdata/influxdb-client 1.35.0 (dist/index.js): new InfluxDB() builds a NodeHttpTransport (no I/O);
// getWriteApi() builds a WriteApiImpl whose write buffer calls scheduleSend on the first line added, arming
// `_timeoutHandle = setTimeout(sendBatch, flushInterval)` (flushInterval defaults to 60 s); flush() clears that
// timeout (_clearFlushTimeout) and POSTs the batch through http(s).request with no agent of its own, i.e. Node's global
// agent (keep-alive); close() flushes and disposes; dispose() only clears the timer and drops the buffer. A point without a timestamp gets the time it is written
// (currentTime), which is that point's own time, not a hazard by itself.
import { InfluxDB, Point } from '@influxdata/influxdb-client';
import { registerBeforeSnapshot } from 'snapshot-restore';

const influx = new InfluxDB({ url: process.env.INFLUX_URL ?? 'http://influx.internal:8086', token: process.env.INFLUX_TOKEN ?? 'dev-token' }); // expect: none (a transport: no socket yet)

const metrics = influx.getWriteApi('acme', 'lambda', 'ms'); // expect: none (a write API: nothing is armed until a line is added)
metrics.writePoint(new Point('cold_start').tag('fn', 'orders').intField('count', 1)); // expect: SR106 (the first line arms the 60 s flush setTimeout at init)

const events = influx.getWriteApi('acme', 'events', 'ms', { flushInterval: 0 }); // expect: none (flushInterval 0: no timer is ever armed)
events.writePoint(new Point('boot').intField('n', 1)); // expect: none (flushInterval 0: scheduleSend does nothing; buffered only)

const audit = influx.getWriteApi('acme', 'audit', 's');
audit.writePoint(new Point('deploy').stringField('sha', process.env.GIT_SHA ?? 'dev')); // expect: none (the flush on the next line clears the timer this arms)
await audit.flush().catch(() => undefined); // expect: SR107 (a POST at init through Node's global keep-alive agent: the socket stays pooled)

const traces = influx.getWriteApi('acme', 'traces', 'ns');
traces.writePoint(new Point('init').floatField('ms', 12.5)); // expect: none (disposed before the snapshot: dispose() clears the flush timer)
registerBeforeSnapshot(() => traces.dispose());

export const handler = async (event: { fn: string; ms: number }) => {
  metrics.writePoint(new Point('invoke').tag('fn', event.fn).floatField('ms', event.ms)); // expect: none (in the handler)
  await metrics.flush();
  return { ok: true };
};
