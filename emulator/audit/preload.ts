// The audit's preload (`node --require <this, bundled>`): runs before any code of the function,
// installs the collector, the probes and the redirect to the local sink. Child Node processes
// that init starts get it too (NODE_OPTIONS), so their connections stay on this machine as well;
// only the audited process itself keeps a record.
import { Collector } from './collector.js';
import { installProbes } from './probes.js';
import { AUDIT_SINK_ENV, COLLECTOR_KEY } from './protocol.js';
import { installRedirect } from './redirect.js';

const key = Symbol.for(COLLECTOR_KEY);
const store = globalThis as Record<symbol, unknown>;
if (!store[key]) {
  const [tcpText, udpText, token, accessKeyId] = (process.env[AUDIT_SINK_ENV] ?? '').split(',');
  const tcp = Number(tcpText);
  const udp = Number(udpText);
  const collector = new Collector();
  store[key] = collector;
  if (accessKeyId) collector.taint.credentialMarks.push(accessKeyId);
  if (!tcp || !udp) {
    // Without a sink there is nowhere safe to send anything: refuse to run rather than connect out.
    process.stderr.write(`snapshot-restore audit: ${AUDIT_SINK_ENV} is not set; refusing to run without the local sink\n`);
    process.exit(70);
  }
  installRedirect(collector, { tcp, udp, ...(token ? { token } : {}) });
  installProbes(collector);
}
