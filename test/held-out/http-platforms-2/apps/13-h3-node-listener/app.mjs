// h3 1.15 (unjs): createApp + createRouter served through toNodeListener(); nodeHooks() in front
// of the h3 listener (`if (await hooks(req, res)) return;`).
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { createApp, createRouter, defineEventHandler, getRouterParam, toNodeListener } from 'h3';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { nodeHooks } from 'snapshot-restore/http';

const trace = [];
const initId = randomUUID();
let id = initId;
registerBeforeSnapshot(function detach() { trace.push('detach'); });
registerBeforeSnapshot(async function flush() { await new Promise((r) => setImmediate(r)); trace.push('flush'); });
registerAfterRestore(function attach() { id = randomUUID(); trace.push('attach'); });

const app = createApp();
const router = createRouter()
  .get('/health', defineEventHandler(() => 'ok'))
  .get('/id', defineEventHandler(() => ({ id, initId, trace })))
  .get('/', defineEventHandler(() => ({ id, initId, trace })))
  .get('/hello/:name', defineEventHandler((event) => ({ hello: getRouterParam(event, 'name') })));
app.use(router);
const listener = toNodeListener(app);
const hooks = nodeHooks();
createServer(async (req, res) => {
  if (await hooks(req, res)) return;
  return listener(req, res);
}).listen(Number(process.env.PORT ?? 3000), '127.0.0.1');
