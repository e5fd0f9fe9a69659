// Koa 2.15 with the old `koa-router` package (13.x), CommonJS, bodyless. koaHooks() first. Hooks
// registered from a small "store" object at top level; one after-restore hook takes bound arguments.
const { randomUUID } = require('node:crypto');
const Koa = require('koa');
const Router = require('koa-router');
const { registerBeforeSnapshot, registerAfterRestore } = require('snapshot-restore');
const { koaHooks } = require('snapshot-restore/http');

const trace = [];
const initId = randomUUID();
let id = initId;
const store = { open: true, size: 0 };
registerBeforeSnapshot(function closeStore() { store.open = false; trace.push('closeStore'); });
registerAfterRestore(function openStore(size) { store.open = true; store.size = size; trace.push('openStore'); }, 16);
registerAfterRestore(function newId() { id = randomUUID(); trace.push('newId'); });

const app = new Koa();
const router = new Router();
router.get('/health', (ctx) => { ctx.body = 'ok'; });
router.get(['/', '/id'], (ctx) => { ctx.body = { id, initId, trace, store }; });
router.get('/users/:name', (ctx) => { ctx.body = { name: ctx.params.name }; });
app.use(koaHooks());
app.use(router.routes()).use(router.allowedMethods());
app.listen(Number(process.env.PORT || 3000));
