// Fastify 5 with a heartbeat setInterval that nobody stops before the snapshot. Docs (emulate
// --platform, "When no snapshot can be built"): init leaves an interval open -> one plain process
// takes every call, the report names the interval; the sequence still passes.
import Fastify from 'fastify';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { fastifyHooks } from 'snapshot-restore/http';

const trace = [];
let beats = 0;
setInterval(function heartbeat() { beats++; }, 60000);
registerBeforeSnapshot(function noteSnapshot() { trace.push('noteSnapshot'); });
registerAfterRestore(function noteRestore() { trace.push('noteRestore'); });

const app = Fastify();
app.addHook('onRequest', fastifyHooks());
app.get('/health', async () => ({ beats }));
app.get('/', async () => ({ trace }));
app.get('/id', async () => ({ trace }));
await app.listen({ port: Number(process.env.PORT ?? 3000), host: '127.0.0.1' });
