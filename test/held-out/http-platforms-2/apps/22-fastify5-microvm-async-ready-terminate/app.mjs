// MicroVM-only Fastify 5.4 service, platform declared in code. `ready` is an async function
// (docs: `() => boolean | Promise<boolean>`) that says no until a model file is "loaded"; holdMs is
// short (200) and a before-snapshot hook takes ~900 ms, so `ready` answers 503 and is asked again.
// onTerminate closes the server (once, although terminate is sent twice).
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { registerAfterRestore, registerBeforeSnapshot, } from 'snapshot-restore';
import { fastifyHooks, runPayload } from 'snapshot-restore/http';

const trace = [];
const initId = randomUUID();
let id = initId;
let tenant = null;
let terminations = 0;
let modelLoaded = false;
setTimeout(() => { modelLoaded = true; }, 400);
registerBeforeSnapshot(async function compactIndex() { await new Promise((r) => setTimeout(r, 900)); trace.push('compactIndex'); });
registerAfterRestore(function claimVm() {
  id = randomUUID();
  tenant = JSON.parse(runPayload() ?? '{}').tenant ?? null;
  trace.push('claimVm');
});

const app = Fastify();
app.addHook('onRequest', fastifyHooks({
  platform: 'microvm',
  holdMs: 200,
  ready: async () => { await new Promise((r) => setImmediate(r)); return modelLoaded; },
  onTerminate: async () => { terminations++; trace.push('onTerminate'); },
}));
app.get('/health', async () => 'ok');
app.get('/id', async () => ({ id, initId, trace, tenant, terminations }));
app.get('/', async () => ({ id, initId, trace, tenant, terminations }));
await app.listen({ port: Number(process.env.PORT ?? 8080), host: '0.0.0.0' });
