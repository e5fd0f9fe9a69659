// Koa 3: one snapshotHooks() handler configured in code (the web adapter's paths and the readiness
// path as options, matching what the Dockerfile sets for the adapter), passed to koaHooks() (docs:
// "Each adapter also takes a handler made by snapshotHooks()"). Deadline for after-restore in code.
import { randomUUID } from 'node:crypto';
import Koa from 'koa3';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { koaHooks, snapshotHooks } from 'snapshot-restore/http';

const trace = [];
const initId = randomUUID();
let id = initId;
registerBeforeSnapshot(function closeRedis() { trace.push('closeRedis'); });
registerAfterRestore(async function openRedis() { await new Promise((r) => setTimeout(r, 200)); id = randomUUID(); trace.push('openRedis'); });

const lifecycle = snapshotHooks({
  webAdapter: { beforeCheckpointPath: '/internal/pre-snap', afterRestorePath: '/internal/post-restore' },
  readinessPath: '/healthz',
  afterRestoreTimeoutMs: 5000,
});
const app = new Koa();
app.use(koaHooks(lifecycle));
app.use(async (ctx) => {
  if (ctx.path === '/healthz') ctx.body = 'ok';
  else if (ctx.path === '/' || ctx.path === '/id') ctx.body = { id, initId, trace };
  else ctx.status = 404;
});
app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1');
