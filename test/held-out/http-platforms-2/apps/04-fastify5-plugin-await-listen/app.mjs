// Fastify 5.4: the hooks are registered inside a fastify-plugin (non-encapsulated) plugin that
// decorates the instance with a "db"; fastifyHooks() on the root onRequest hook; the app ends
// with `await fastify.listen({ port, host })` at top level.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import fp from 'fastify-plugin';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { fastifyHooks } from 'snapshot-restore/http';

const trace = [];
const initId = randomUUID();
let id = initId;

const dbPlugin = fp(async function db(fastify) {
  const db = { connected: true, generation: 0 };
  fastify.decorate('db', db);
  registerBeforeSnapshot(async function dbDisconnect() { await new Promise((r) => setTimeout(r, 10)); db.connected = false; trace.push('dbDisconnect'); });
  registerAfterRestore(async function dbReconnect() { db.connected = true; db.generation++; trace.push('dbReconnect'); });
  fastify.addHook('onClose', async () => { db.connected = false; });
}, { name: 'db' });

registerAfterRestore(function rotateId() { id = randomUUID(); trace.push('rotateId'); });

const fastify = Fastify({ logger: false });
fastify.addHook('onRequest', fastifyHooks());
await fastify.register(dbPlugin);
fastify.get('/health', async () => 'ok');
fastify.get('/id', async () => ({ id, initId, trace, db: fastify.db }));
fastify.get('/', async () => ({ id, initId, trace, db: fastify.db }));

await fastify.listen({ port: Number(process.env.PORT ?? 3000), host: '127.0.0.1' });
console.log('fastify listening');
