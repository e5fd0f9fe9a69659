// Fastify 5 (ESM) with an awilix DI container (the NestJS-free way to get constructor injection):
// services are singletons with disposers; the before-snapshot hook disposes the container (closing the
// db), the after-restore hook resolves the services again (a new db, generation 2). One
// `snapshotHooks({...})` handler is shared into `fastifyHooks(handler)` (docs: "Each adapter also takes
// a handler made by snapshotHooks()"), with `readinessPath: '/livez'` (the adapter's
// AWS_LWA_READINESS_CHECK_PATH is the same), `holdMs: 300` and an async `ready()` for MicroVMs,
// `onTerminate` (once, although terminate is sent twice). The before-snapshot hook takes ~700 ms, so
// MicroVM `ready` answers 503 and is asked again. Init ends in `await app.listen(...)`: docs say init
// is over when nothing is pending but the listening server: a REAL snapshot on Node 20 and 22.
import { randomUUID } from 'node:crypto';
import { asClass, asFunction, asValue, createContainer, InjectionMode } from 'awilix';
import Fastify from 'fastify';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { fastifyHooks, runPayload, snapshotHooks } from 'snapshot-restore/http';

let generation = 0;
function makeDb({ config }) {
  generation++;
  const db = { generation, open: true, poolSize: config.poolSize, close: async () => { db.open = false; }, ping: async () => db.open };
  return db;
}
class UserService {
  constructor({ db }) { this.db = db; }
  find(n) { return { n, fromDb: this.db.generation }; }
}

const container = createContainer({ injectionMode: InjectionMode.PROXY, strict: true });
container.register({
  config: asValue({ poolSize: 4 }),
  db: asFunction(makeDb).singleton().disposer((db) => db.close()),
  users: asClass(UserService).singleton(),
});
container.resolve('users');
const warmed = { done: true };

const trace = [];
const initId = randomUUID();
let id = initId;
let restoredBy = null;
let tenant = null;
let terminations = 0;

registerBeforeSnapshot(async function disposeContainer() {
  await new Promise((r) => setTimeout(r, 700));
  await container.dispose();
  trace.push('disposeContainer');
});
registerAfterRestore(function resolveServices() { container.resolve('users'); trace.push('resolveServices'); });
registerAfterRestore(function newId() {
  id = randomUUID();
  const p = runPayload();
  if (p) tenant = JSON.parse(p).tenant ?? null;
  restoredBy = 'newId';
  trace.push('newId');
});

const hooks = snapshotHooks({
  readinessPath: '/livez',
  holdMs: 300,
  ready: async () => { await Promise.resolve(); return warmed.done; },
  onTerminate: async () => { terminations++; },
});

const app = Fastify();
app.addHook('onRequest', fastifyHooks(hooks));
const state = () => ({ id, initId, restoredBy, tenant, dbGeneration: generation, terminations, trace });
app.get('/livez', async () => 'ok');
app.get('/health', async () => 'ok');
app.get('/', async () => state());
app.get('/id', async () => state());
app.get('/users/:n', async (req) => container.resolve('users').find(Number(req.params.n)));

await app.listen({ port: Number(process.env.PORT ?? 8080), host: '0.0.0.0' });
