// TypeScript Fastify 5 service built the way a Dockerfile's build stage usually builds one: esbuild,
// everything bundled into one ES module, with esbuild's usual banner so the bundled CommonJS packages
// can require (`import { createRequire } from 'module'; const require = createRequire(import.meta.url);`).
// Docs (docs/http-platforms.md, "The build"): the deferral of node:http "holds for import and require
// of node:http; not yet for the require that createRequire() makes (an esbuild ESM bundle's usual
// banner): such a bundle's server listens in the build and the app runs PLAIN". So: plain, on Node 20
// and 22, and every call of both sequences answered as documented (emulate exits 0).
// Hooks: before (closeBus), after (openBus, newId).
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { fastifyHooks, runPayload } from 'snapshot-restore/http';

interface Bus { open: boolean; published: number }
const bus: Bus = { open: true, published: 0 };
const trace: string[] = [];
const initId = randomUUID();
let id = initId;
let restoredBy: string | null = null;
let tenant: string | null = null;

registerBeforeSnapshot(function closeBus() { bus.open = false; trace.push('closeBus'); });
registerAfterRestore(function openBus() { bus.open = true; trace.push('openBus'); });
registerAfterRestore(function newId() {
  id = randomUUID();
  const p = runPayload();
  if (p) tenant = (JSON.parse(p) as { tenant?: string }).tenant ?? null;
  restoredBy = 'newId';
  trace.push('newId');
});

const app = Fastify({ logger: false });
app.addHook('onRequest', fastifyHooks());
const state = () => ({ id, initId, restoredBy, tenant, busOpen: bus.open, trace });
app.get('/', async () => state());
app.get('/id', async () => state());
app.get('/health', async () => 'ok');
app.post<{ Body: { topic: string } }>('/publish', async (req) => { bus.published++; return { topic: req.body.topic }; });

await app.listen({ port: Number(process.env.PORT ?? 3000), host: '0.0.0.0' });
