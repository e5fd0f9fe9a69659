// TypeScript Fastify 5 app, compiled by esbuild to a CommonJS bundle (dist/app.cjs) with the
// packages left external (the image runs `npm ci --omit=dev`). Typed hooks with bound arguments.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { fastifyHooks, isRestoring } from 'snapshot-restore/http';

interface Pool { size: number; open: boolean }
const trace: string[] = [];
const initId = randomUUID();
let id: string = initId;
let pool: Pool = { size: 2, open: true };

const endPool = async (p: Pool): Promise<void> => {
  p.open = false;
  trace.push('endPool');
};
registerBeforeSnapshot(endPool, pool);
registerBeforeSnapshot(function logBefore(): void { trace.push('logBefore'); });
registerAfterRestore(function newPool(size: number): void {
  pool = { size, open: true };
  id = randomUUID();
  trace.push('newPool');
}, 8);

function build(): FastifyInstance {
  const app = Fastify({ logger: false });
  app.addHook('onRequest', fastifyHooks());
  app.get('/health', async (_req, reply) => (isRestoring() ? reply.code(503).send('restoring') : reply.send('ok')));
  app.get('/id', async () => ({ id, initId, trace, pool }));
  app.get('/', async () => ({ id, initId, trace, pool }));
  return app;
}

const app = build();
app.listen({ port: Number(process.env.PORT ?? 3000), host: '127.0.0.1' }).then((addr) => console.log(`listening ${addr}`));
