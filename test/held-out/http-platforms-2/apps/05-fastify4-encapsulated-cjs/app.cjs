// Fastify 4.28 (CommonJS): routes in an encapsulated plugin under the /v1 prefix, fastifyHooks() on
// the root instance's onRequest (so it also sees paths with no route), listen with a callback
// `fastify.listen({ port, host }, cb)`.
const { randomUUID } = require('node:crypto');
const Fastify = require('fastify4');
const { registerBeforeSnapshot, registerAfterRestore } = require('snapshot-restore');
const { fastifyHooks } = require('snapshot-restore/http');

const trace = [];
const initId = randomUUID();
let id = initId;
registerBeforeSnapshot(function closeQueue() { trace.push('closeQueue'); });
registerBeforeSnapshot(function closeCache() { trace.push('closeCache'); });
registerAfterRestore(function openCache() { trace.push('openCache'); });
registerAfterRestore(function openQueue() { id = randomUUID(); trace.push('openQueue'); });

const fastify = Fastify();
fastify.addHook('onRequest', fastifyHooks());
fastify.register(async function v1(child) {
  child.addHook('onRequest', async (req) => { req.v1 = true; });
  child.get('/orders', async () => [{ id: 1 }]);
}, { prefix: '/v1' });
fastify.get('/health', (_req, reply) => { reply.send('ok'); });
fastify.get('/id', async () => ({ id, initId, trace }));
fastify.get('/', async () => ({ id, initId, trace }));
fastify.listen({ port: Number(process.env.PORT || 8080), host: '127.0.0.1' }, (err) => {
  if (err) { console.error(err); process.exit(1); }
});
