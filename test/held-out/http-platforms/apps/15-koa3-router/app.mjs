// Koa 3 + @koa/router; koaHooks() first (docs). Hooks in a db module imported by the app.
import Koa from 'koa';
import Router from '@koa/router';
import { koaHooks } from 'snapshot-restore/http';
import { db, trace } from './db.mjs';

const app = new Koa();
const router = new Router();
app.use(koaHooks());
router.get('/health', (ctx) => { ctx.body = { ok: db.connected }; });
router.get('/', (ctx) => { ctx.body = { id: db.sessionId, initId: db.initId, trace }; });
router.get('/id', (ctx) => { ctx.body = { id: db.sessionId, initId: db.initId, trace }; });
router.get('/users/:id', async (ctx) => { ctx.body = await db.find(ctx.params.id); });
app.use(router.routes()).use(router.allowedMethods());
app.listen(Number(process.env.PORT ?? 3000), () => console.log('koa up'));
