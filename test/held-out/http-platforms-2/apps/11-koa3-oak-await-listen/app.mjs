// Adapted from awslabs/aws-lambda-web-adapter examples/deno-zip/src/main.ts
// (commit 7945bbd4ff5467260a8f721dd4c5e965e4498d83): Oak's Application + Router and
// `await app.listen({ port })` at top level, rewritten for Node with Koa 3 + koa-router (Oak is
// Koa's port to Deno); koaHooks() first, and the listen awaited at top level as in the original.
import { randomUUID } from 'node:crypto';
import Koa from 'koa3';
import Router from 'koa-router';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { koaHooks } from 'snapshot-restore/http';

const trace = [];
const initId = randomUUID();
let id = initId;
registerBeforeSnapshot(async function checkpoint() { await new Promise((r) => setTimeout(r, 10)); trace.push('checkpoint'); });
registerAfterRestore(function restore() { id = randomUUID(); trace.push('restore'); });

const app = new Koa();
const router = new Router();
const port = +(process.env.PORT || '8080');

router.get('/', (context) => {
  context.body = { success: true, msg: 'Hello World', id, initId, trace };
});
router.get('/id', (context) => { context.body = { id, initId, trace }; });
router.get('/health', (context) => { context.body = 'ok'; });

app.use(koaHooks());
app.use(router.routes());

await new Promise((resolve) => app.listen({ port }, resolve));
console.log(`listening on ${port}`);
