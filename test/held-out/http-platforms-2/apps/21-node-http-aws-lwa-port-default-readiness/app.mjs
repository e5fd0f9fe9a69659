// Plain node:http, web-adapter only, written to the adapter's conventions: it listens on
// AWS_LWA_PORT (no PORT read at all) and sets no AWS_LWA_READINESS_CHECK_PATH, so the adapter
// checks `/` (docs: the readiness path is `/` under the web adapter), which the app serves itself.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { nodeHooks } from 'snapshot-restore/http';

const trace = [];
const initId = randomUUID();
let id = initId;
registerBeforeSnapshot(async function closeSockets() { await new Promise((r) => setTimeout(r, 5)); trace.push('closeSockets'); });
registerAfterRestore(async function reopenSockets() { await new Promise((r) => setTimeout(r, 250)); id = randomUUID(); trace.push('reopenSockets'); });

const hooks = nodeHooks();
const server = http.createServer(async (req, res) => {
  if (await hooks(req, res)) return;
  res.setHeader('content-type', 'application/json');
  if (req.url === '/' || req.url === '/id') return res.end(JSON.stringify({ id, initId, trace }));
  res.statusCode = 404;
  res.end('{}');
});
server.listen(Number(process.env.AWS_LWA_PORT ?? 8080), '127.0.0.1');
