// Koa 3, CommonJS, with @koa/router and koa-bodyparser as their READMEs show, and a winston logger
// (Console transport: stdout) made at init. Koa's http-errors keeps a depd call site: docs say the
// builder gives depd plain copies, so this app gets a REAL snapshot on Node 20 and 22.
// `app.use(koaHooks())` first (docs). Hooks: flushLog then closeDb are registered, and before-snapshot
// hooks run in reverse registration order (closeDb, flushLog); after-restore in registration order
// (openDb, renewId).
const { randomUUID } = require('node:crypto');
const Koa = require('koa');
const Router = require('@koa/router');
const bodyParser = require('koa-bodyparser');
const winston = require('winston');
const { registerAfterRestore, registerBeforeSnapshot } = require('snapshot-restore');
const { koaHooks, runPayload } = require('snapshot-restore/http');

const log = winston.createLogger({
  level: 'info',
  format: winston.format.json(),
  transports: [new winston.transports.Console()],
});
const trace = [];
const initId = randomUUID();
let id = initId;
let restoredBy = null;
let tenant = null;
const db = { connected: true };

registerBeforeSnapshot(function flushLog() { log.info('flushing before the snapshot'); trace.push('flushLog'); });
registerBeforeSnapshot(async function closeDb() { await new Promise((r) => setTimeout(r, 5)); db.connected = false; trace.push('closeDb'); });
registerAfterRestore(async function openDb() { await new Promise((r) => setTimeout(r, 5)); db.connected = true; trace.push('openDb'); });
registerAfterRestore(function renewId() {
  id = randomUUID();
  const p = runPayload();
  if (p) tenant = JSON.parse(p).tenant ?? null;
  restoredBy = 'renewId';
  trace.push('renewId');
  log.info('restored', { id });
});

const app = new Koa();
const router = new Router();
const state = () => ({ id, initId, restoredBy, tenant, dbConnected: db.connected, trace });
router.get('/', (ctx) => { ctx.body = state(); });
router.get('/id', (ctx) => { ctx.body = state(); });
router.get('/health', (ctx) => { ctx.body = 'ok'; });
router.get('/users/:id', (ctx) => {
  if (!/^\d+$/.test(ctx.params.id)) ctx.throw(400, 'bad id');
  ctx.body = { user: Number(ctx.params.id) };
});
router.post('/users', (ctx) => { ctx.status = 201; ctx.body = { created: ctx.request.body }; });

app.use(koaHooks());
app.use(async (ctx, next) => { await next(); log.info(`${ctx.method} ${ctx.url} ${ctx.status}`); });
app.use(bodyParser());
app.use(router.routes()).use(router.allowedMethods());

app.listen(Number(process.env.PORT ?? 3000));
