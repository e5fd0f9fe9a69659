// Fastify 5.4: a metrics interval and a cache-expiry timer started at init; both stopped before the
// snapshot (no timer in the snapshot) and started again after the restore, the cache emptied.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { fastifyHooks, isRestoring } from 'snapshot-restore/http';

const trace = [];
const initId = randomUUID();
let id = initId;
let ticks = 0;
let metrics;
let expiry;
const cache = new Map();
const startMetrics = () => { metrics = setInterval(() => { ticks++; }, 100); };
const scheduleExpiry = () => { expiry = setTimeout(function expire() { cache.clear(); expiry = setTimeout(expire, 30_000); }, 30_000); };
startMetrics();
scheduleExpiry();
cache.set('config', { loadedAt: Date.now() });

registerBeforeSnapshot(function stopMetrics() { clearInterval(metrics); metrics = undefined; trace.push('stopMetrics'); });
registerBeforeSnapshot(function stopExpiry() { clearTimeout(expiry); expiry = undefined; trace.push('stopExpiry'); });
registerAfterRestore(function restartTimers() { cache.clear(); scheduleExpiry(); startMetrics(); trace.push('restartTimers'); });
registerAfterRestore(async function newId() { id = randomUUID(); trace.push('newId'); });

const app = Fastify();
app.addHook('onRequest', fastifyHooks());
app.get('/health', async (_req, reply) => (isRestoring() ? reply.code(503).send('restoring') : 'ok'));
app.get('/id', async () => ({ id, initId, trace, ticks, cached: cache.size }));
app.get('/', async () => ({ id, initId, trace, ticks, cached: cache.size }));
app.listen({ port: Number(process.env.PORT ?? 3000), host: '127.0.0.1' });
