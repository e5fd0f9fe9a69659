// Express 5 (ESM) calling a downstream service through a client made at init, as such apps do: an
// axios instance with a keep-alive http.Agent. axios feature-detects fetch when it loads (`typeof
// fetch`, `new Request(origin, {...}).headers.has(...)`, `new Response('').body`, inside try/catch).
// Docs: constructing agents at init is fine, probing the fetch globals at init is fine ("probing them
// at init (`typeof fetch`, `new Response(...)`, ...) keeps undici unloaded"); only a real use (a
// `fetch()`, a request) forces plain: a REAL snapshot on Node 20 and 22 (arguable: the docs' list of
// probes does not name reading `.headers`/`.body` of a probe object). After the restore the client
// must work: `/` calls this app's own /health through it (loopback).
// Hooks: before (closeAgents), after (newAgents, newId).
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import axios from 'axios';
import express from 'express';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { expressHooks, runPayload } from 'snapshot-restore/http';

const port = Number(process.env.PORT ?? 8080);
const makeClients = () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  return {
    agent,
    axios: axios.create({ baseURL: `http://127.0.0.1:${port}`, httpAgent: agent, timeout: 5000 }),
  };
};
let clients = makeClients();
const trace = [];
const initId = randomUUID();
let id = initId;
let restoredBy = null;
let tenant = null;

registerBeforeSnapshot(function closeAgents() { clients.agent.destroy(); trace.push('closeAgents'); });
registerAfterRestore(function newAgents() { clients = makeClients(); trace.push('newAgents'); });
registerAfterRestore(function newId() {
  id = randomUUID();
  const p = runPayload();
  if (p) tenant = JSON.parse(p).tenant ?? null;
  restoredBy = 'newId';
  trace.push('newId');
});

const app = express();
app.use(expressHooks());
const state = () => ({ id, initId, restoredBy, tenant, trace });
app.get('/health', (_req, res) => { res.send('ok'); });
app.get('/id', (_req, res) => { res.json(state()); });
app.get('/', async (_req, res, next) => {
  try {
    const a = await clients.axios.get('/health', { responseType: 'text' });
    res.json({ id, initId, restoredBy, tenant, viaAxios: a.data, trace });
  } catch (e) { next(e); }
});
app.use((err, _req, res, _next) => { res.status(502).json({ error: String(err.message ?? err) }); });
app.listen(port);
