// TypeScript Koa 3 + @koa/router + pino, built by esbuild to ONE CommonJS file (everything bundled,
// as a Lambda-style build does), with `import 'source-map-support/register'` and a source map, and
// legacy `experimentalDecorators` (the Powertools-style setup) on static methods (docs/hooks.md: a
// static method is registered when the class is defined). Koa's http-errors keeps a depd call site
// and source-map-support sets Error.prepareStackTrace: docs say the build copes with both, and a
// CommonJS bundle's `require('http')` is plain require, which the deferral holds for: a REAL snapshot
// on Node 20 and 22. Hooks: before (Cache.persist), after (Cache.load, then newId).
import 'source-map-support/register';
import { randomUUID } from 'node:crypto';
import Router from '@koa/router';
import Koa from 'koa';
import pino from 'pino';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { koaHooks, runPayload } from 'snapshot-restore/http';

const log = pino({ level: 'info' });
const trace: string[] = [];

class Cache {
  static entries = new Map<string, number>([['warm', 1]]);

  @registerBeforeSnapshot
  static persist() {
    Cache.entries.clear();
    trace.push('persist');
  }

  @registerAfterRestore
  static async load() {
    await new Promise((r) => setTimeout(r, 5));
    Cache.entries.set('warm', 1);
    trace.push('load');
  }
}

const initId = randomUUID();
let id = initId;
let restoredBy: string | null = null;
let tenant: string | null = null;
registerAfterRestore(function newId() {
  id = randomUUID();
  const p = runPayload();
  if (p) tenant = (JSON.parse(p) as { tenant?: string }).tenant ?? null;
  restoredBy = 'newId';
  trace.push('newId');
  log.info({ id }, 'restored');
});

const app = new Koa();
const router = new Router();
const state = () => ({ id, initId, restoredBy, tenant, warm: Cache.entries.get('warm') === 1, trace });
router.get('/', (ctx) => { ctx.body = state(); });
router.get('/id', (ctx) => { ctx.body = state(); });
router.get('/health', (ctx) => { ctx.body = 'ok'; });
router.get('/things/:n', (ctx) => {
  if (!/^\d+$/.test(ctx.params.n)) ctx.throw(422, 'n must be digits');
  ctx.body = { n: Number(ctx.params.n) };
});

app.use(koaHooks());
app.use(async (ctx, next) => { await next(); log.info({ method: ctx.method, url: ctx.url, status: ctx.status }, 'request'); });
app.use(router.routes()).use(router.allowedMethods());
app.listen(Number(process.env.PORT ?? 3000));
