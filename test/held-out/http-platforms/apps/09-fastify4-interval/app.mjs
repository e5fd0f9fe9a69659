// Fastify 4 with a metrics flusher on setInterval, stopped before the snapshot and restarted after
// the restore (so init leaves nothing open and a real snapshot can be taken).
import { randomBytes } from 'node:crypto';
import Fastify from 'fastify4';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { fastifyHooks } from 'snapshot-restore/http';

const trace = [];
const metrics = { flushed: 0, pending: 0 };
let timer = setInterval(() => { metrics.flushed += metrics.pending; metrics.pending = 0; }, 5000);
const initId = randomBytes(6).toString('hex');
let id = initId;

registerBeforeSnapshot(function stopFlusher() { clearInterval(timer); timer = undefined; trace.push('stopFlusher'); });
registerAfterRestore(function startFlusher() {
  timer = setInterval(() => { metrics.flushed += metrics.pending; metrics.pending = 0; }, 5000);
  timer.unref();
  id = randomBytes(6).toString('hex');
  trace.push('startFlusher');
});

const app = Fastify();
app.addHook('onRequest', fastifyHooks());
app.addHook('onResponse', async () => { metrics.pending++; });
app.get('/health', async () => 'ok');
app.get('/', async () => ({ id, initId, trace, metrics }));
app.get('/id', async () => ({ id, initId, trace, metrics }));
app.listen({ port: Number(process.env.PORT ?? 3000) }, (err) => { if (err) { console.error(err); process.exit(1); } });
