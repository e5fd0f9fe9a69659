// Fastify 5, CommonJS, as Fastify's getting-started shows it: `require('fastify')({ logger: true })`
// (pino to stdout), @fastify/cors, @fastify/helmet, @fastify/sensible registered as plugins, and
// `fastify.listen({ port, host }, callback)`. The hooks adapter is the onRequest hook the docs show:
// `app.addHook('onRequest', fastifyHooks())`. Docs promise a REAL snapshot on Node 20 and 22 (Fastify's
// server is node:http's createServer, deferred in the build; listen is not awaited at all).
// Hooks: one before (closeCache), two after in order (openCache, rotateNonce). pino's request logs
// go to stdout: emulate --json must keep stdout the report only.
const { randomUUID, randomBytes } = require('node:crypto');
const { registerAfterRestore, registerBeforeSnapshot } = require('snapshot-restore');
const { fastifyHooks, runPayload } = require('snapshot-restore/http');
const fastify = require('fastify')({ logger: true });

const trace = [];
const initId = randomUUID();
let id = initId;
let nonce = randomBytes(8).toString('hex');
let restoredBy = null;
let tenant = null;
const cache = new Map([['warm', true]]);

registerBeforeSnapshot(function closeCache() { cache.clear(); trace.push('closeCache'); });
registerAfterRestore(function openCache() { cache.set('warm', true); trace.push('openCache'); });
registerAfterRestore(function rotateNonce() {
  nonce = randomBytes(8).toString('hex');
  id = randomUUID();
  const p = runPayload();
  if (p) tenant = JSON.parse(p).tenant ?? null;
  restoredBy = 'rotateNonce';
  trace.push('rotateNonce');
});

fastify.addHook('onRequest', fastifyHooks());
fastify.register(require('@fastify/cors'), { origin: 'https://example.org' });
fastify.register(require('@fastify/helmet'), { global: true });
fastify.register(require('@fastify/sensible'));

const state = () => ({ id, initId, restoredBy, tenant, nonce, cacheWarm: cache.get('warm') === true, trace });
fastify.get('/health', async () => ({ status: 'ok' }));
fastify.get('/', async () => state());
fastify.get('/id', async () => state());
fastify.get('/teapot', async (_request, reply) => reply.imateapot());
fastify.get('/items/:n', async (request, reply) => {
  const n = Number(request.params.n);
  if (!Number.isInteger(n)) return reply.badRequest('n must be an integer');
  return { n };
});

fastify.listen({ port: Number(process.env.PORT ?? 3000), host: '0.0.0.0' }, (err) => {
  if (err) {
    fastify.log.error(err);
    process.exit(1);
  }
});
