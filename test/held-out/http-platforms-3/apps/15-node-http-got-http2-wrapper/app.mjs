// Plain node:http with a got 14 client made at init (`got.extend({ prefixUrl, agent })`), the way a
// service keeps its downstream client. got loads http2-wrapper, which builds a `new tls.TLSSocket(...)`
// when it is imported (to reach a native socket class). Docs: "init *really* uses node:http,
// node:https, node:http2 or node:tls (a request, a connection, ...)": Node cannot put those modules in
// a startup snapshot once they are in use, so the app runs PLAIN on Node 20 and 22, and the report's
// mode line says exactly why, naming where (docs: `no V8 snapshot: init used node:http (get) at
// app.mjs:12:1`). Every call of both sequences is still answered as documented (emulate exits 0),
// and after the restore the client works: `/` calls this app's own /health through it (loopback).
// Hooks: before (closeAgent), after (newAgent, newId).
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import got from 'got';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { nodeHooks, runPayload } from 'snapshot-restore/http';

const port = Number(process.env.PORT ?? 8080);
const makeClient = () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  return { agent, got: got.extend({ prefixUrl: `http://127.0.0.1:${port}`, agent: { http: agent }, timeout: { request: 5000 }, retry: { limit: 0 } }) };
};
let client = makeClient();
const trace = [];
const initId = randomUUID();
let id = initId;
let restoredBy = null;
let tenant = null;

registerBeforeSnapshot(function closeAgent() { client.agent.destroy(); trace.push('closeAgent'); });
registerAfterRestore(function newAgent() { client = makeClient(); trace.push('newAgent'); });
registerAfterRestore(function newId() {
  id = randomUUID();
  const p = runPayload();
  if (p) tenant = JSON.parse(p).tenant ?? null;
  restoredBy = 'newId';
  trace.push('newId');
});

const hooks = nodeHooks();
const send = (res, code, obj) => { res.writeHead(code, { 'content-type': 'application/json' }); res.end(JSON.stringify(obj)); };
http.createServer(async (req, res) => {
  if (await hooks(req, res)) return;
  if (req.url === '/health') { res.end('ok'); return; }
  if (req.url === '/id') { send(res, 200, { id, initId, restoredBy, tenant, trace }); return; }
  if (req.url === '/') {
    try {
      const viaGot = await client.got('health').text();
      send(res, 200, { id, initId, restoredBy, tenant, viaGot, trace });
    } catch (e) { send(res, 502, { error: String(e.message ?? e) }); }
    return;
  }
  send(res, 404, { error: 'not found' });
}).listen(port);
