// Fastify 5 service: hooks served with fastifyHooks() as an onRequest hook (docs), several hooks,
// one registered from a plugin; await app.listen() at top level.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { fastifyHooks } from 'snapshot-restore/http';

const trace = [];
const initId = randomUUID();
let id = initId;
const app = Fastify({ logger: false });
app.addHook('onRequest', fastifyHooks());

registerBeforeSnapshot(function closeHttpAgents() { trace.push('closeHttpAgents'); });
app.register(async function cachePlugin(instance) {
  const cache = new Map([['warm', true]]);
  registerBeforeSnapshot(async function clearCache() { cache.clear(); trace.push('clearCache'); });
  registerAfterRestore(function rewarmCache() { cache.set('warm', true); trace.push('rewarmCache'); });
  instance.get('/cache', async () => ({ size: cache.size }));
});
registerAfterRestore(function renewId() { id = randomUUID(); trace.push('renewId'); });

app.get('/health', async () => ({ status: 'ok' }));
app.get('/', async () => ({ id, initId, trace }));
app.get('/id', async () => ({ id, initId, trace }));
await app.listen({ port: Number(process.env.PORT ?? 3000), host: '127.0.0.1' });
