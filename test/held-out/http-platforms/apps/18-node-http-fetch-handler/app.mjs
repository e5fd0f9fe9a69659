// node:http bridged to a fetch-standard handler by hand: snapshotHooks() returns a Response for
// hook requests and undefined otherwise (docs: "The entry point").
import http from 'node:http';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { snapshotHooks } from 'snapshot-restore/http';

const trace = [];
const initId = `${process.pid}-${performance.now()}`;
let id = initId;
registerBeforeSnapshot(async function checkpointState() { trace.push('checkpointState'); });
registerAfterRestore(async function restoreState() { id = `${process.pid}-${performance.now()}-${Math.random()}`; trace.push('restoreState'); });

const hooks = snapshotHooks();
async function toRequest(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const body = chunks.length && req.method !== 'GET' && req.method !== 'HEAD' ? Buffer.concat(chunks) : undefined;
  return new Request(`http://${req.headers.host ?? 'localhost'}${req.url}`, { method: req.method, headers: req.headers, body });
}
http.createServer(async (req, res) => {
  const answer = await hooks(await toRequest(req));
  if (answer) {
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    return res.end(Buffer.from(await answer.arrayBuffer()));
  }
  if (req.url === '/health') return res.end('ok');
  if ((req.url === '/id' || req.url === '/')) { res.setHeader('content-type', 'application/json'); return res.end(JSON.stringify({ id, initId, trace })); }
  res.statusCode = 404; res.end();
}).listen(Number(process.env.PORT ?? 8080));
