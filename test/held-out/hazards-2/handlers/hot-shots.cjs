// hot-shots 18 (CommonJS, as in its README): UDP by default; maxBufferSize > 0 arms a flush setInterval; protocol 'tcp' connects.
const StatsD = require('hot-shots');
const { registerAfterRestore, registerBeforeSnapshot } = require('snapshot-restore');

const udp = new StatsD({ host: process.env.STATSD_HOST || 'statsd.internal', prefix: 'api.' }); // expect: none (lib/statsd.js: a dgram socket, connectionless: no server-side session to go stale; maxBufferSize 0, no timer)
const buffered = new StatsD({ host: 'statsd.internal', maxBufferSize: 8192, bufferFlushInterval: 1000 }); // expect: SR106 (lib/statsd.js constructor: maxBufferSize > 0 → this.intervalHandle = setInterval(onBufferFlushInterval), unref'd but armed at the snapshot)
const tcp = new StatsD({ host: 'statsd.internal', port: 8125, protocol: 'tcp' }); // expect: SR107 (lib/transport.js createTcpTransport(): net.connect(port, host) in the constructor)

let aggregated = new StatsD({ host: 'statsd.internal', aggregation: { flushInterval: 10000 } }); // expect: none (its aggregation setInterval is cleared by close() before the snapshot and a new client made after the restore)
registerBeforeSnapshot(() => new Promise((resolve) => aggregated.close(resolve)));
registerAfterRestore(() => {
  aggregated = new StatsD({ host: 'statsd.internal', aggregation: { flushInterval: 10000 } });
});

exports.handler = async () => {
  udp.increment('invocations'); // expect: none (in the handler)
  buffered.timing('latency', 12);
  tcp.gauge('g', 1);
  aggregated.increment('a');
  return { ok: true };
};
