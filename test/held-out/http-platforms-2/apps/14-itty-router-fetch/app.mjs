// itty-router 5 AutoRouter (fetch-standard). The handler made by snapshotHooks() is itty's first
// `before` stage: it returns a Response for hook requests (itty stops there) and undefined
// otherwise. Served on node:http by a small bridge. Platform declared in code for the MicroVM
// variant through SNAPSHOT_RESTORE_PLATFORM (set by the image).
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { AutoRouter } from 'itty-router';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { snapshotHooks } from 'snapshot-restore/http';

const trace = [];
const initId = randomUUID();
let id = initId;
registerBeforeSnapshot(function stopWorkers() { trace.push('stopWorkers'); });
registerAfterRestore(function startWorkers() { trace.push('startWorkers'); });
registerAfterRestore(async function rotate() { await new Promise((r) => setTimeout(r, 10)); id = randomUUID(); trace.push('rotate'); });

const router = AutoRouter({ before: [snapshotHooks()] });
router
  .get('/health', () => new Response('ok'))
  .get('/id', () => ({ id, initId, trace }))
  .get('/', () => ({ id, initId, trace }))
  .get('/todos/:n', ({ n }) => ({ todo: Number(n) }));

createServer(async (req, res) => {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.concat(chunks);
  const response = await router.fetch(new Request(`http://localhost${req.url}`, { method: req.method, headers: req.headers, body }));
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}).listen(Number(process.env.PORT ?? 3000), '127.0.0.1');
