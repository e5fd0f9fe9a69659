// Fastify 5 with a request-id prefix from crypto.randomUUID() at init, renewed after the restore
// with plain randomUUID() (docs: the runtime renews randomUUID()'s cache at LWA's after-restore).
// Routes in a separate module; health route via isRestoring().
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { fastifyHooks, isRestoring } from 'snapshot-restore/http';
import { routes } from './routes.mjs';

export const state = { trace: [], initId: randomUUID(), id: undefined };
state.id = state.initId;
registerBeforeSnapshot(async function quiesce() { await new Promise((r) => setTimeout(r, 5)); state.trace.push('quiesce'); });
registerAfterRestore(async function newPrefix() { state.id = randomUUID(); state.trace.push('newPrefix'); });

const app = Fastify({ genReqId: () => `${state.id}-${Math.random().toString(16).slice(2, 6)}` });
app.addHook('onRequest', fastifyHooks());
app.get('/health', async (_req, reply) => (isRestoring() ? reply.code(503).send('restoring') : 'ok'));
app.register(routes, { state });
await app.listen({ port: Number(process.env.PORT ?? 3000), host: '0.0.0.0' });
