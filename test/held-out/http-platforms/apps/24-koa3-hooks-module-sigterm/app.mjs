// Koa 3 with graceful shutdown on SIGTERM, a Redis-ish client made lazily on first use, the hooks
// registered in lifecycle.mjs. Health via isRestoring(). Several async hooks, one slow (400 ms).
import Koa from 'koa';
import { isRestoring, koaHooks } from 'snapshot-restore/http';
import { cache, trace } from './lifecycle.mjs';

const app = new Koa();
app.use(koaHooks());
app.use(async (ctx, next) => {
  if (ctx.path === '/health') { ctx.status = isRestoring() ? 503 : 200; ctx.body = ctx.status === 200 ? 'ok' : 'restoring'; return; }
  if (ctx.path === '/id') { ctx.body = { id: cache.client()?.id, initId: cache.initId, trace }; return; }
  await next();
});
app.use(async (ctx) => { ctx.body = { hits: await cache.client().incr('hits') }; });
const server = app.listen(Number(process.env.PORT ?? 3000));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
