// Plain node:http with nodeHooks() at the top of the listener (docs), the team's own hook paths
// (AWS_LWA_SNAPSTART_*_PATH set to /internal/...), readiness on /healthz.
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { nodeHooks } from 'snapshot-restore/http';

const trace = [];
const initId = randomUUID();
let id = initId;
registerBeforeSnapshot(function closeIdleSockets() { server.closeIdleConnections(); trace.push('closeIdleSockets'); });
registerAfterRestore(function freshId() { id = randomUUID({ disableEntropyCache: true }); trace.push('freshId'); });

const hooks = nodeHooks();
const server = createServer(async (req, res) => {
  if (await hooks(req, res)) return;
  if (req.url === '/healthz') { res.writeHead(200, { 'content-type': 'text/plain' }); return res.end('ok'); }
  if ((req.url === '/id' || req.url === '/')) { res.writeHead(200, { 'content-type': 'application/json' }); return res.end(JSON.stringify({ id, initId, trace })); }
  res.writeHead(404); res.end();
});
server.listen(Number(process.env.AWS_LWA_PORT ?? process.env.PORT ?? 8080), '127.0.0.1');
