// tinyhttp 3 (ESM-only, Express-like) with @tinyhttp/cors, and a small upstream client made at init
// the way fetch-based SDKs do: it keeps `globalThis.fetch`, builds default `new Headers(...)`, and
// probes `typeof Response`. Docs: reading the fetch globals at init is fine (they are stand-ins in the
// build, Node's own in the restored process; only a real `fetch()` at init forces plain), so a REAL
// snapshot on Node 20 and 22; after the restore the kept `fetch` and `Headers` must work:
// `/` and `/selfcheck` fetch this app's own /health over loopback with them.
// tinyhttp has no adapter: nodeHooks() as the first middleware (docs' node:http form).
// Hooks: before (closeUpstream), after (openUpstream, newId).
import { randomUUID } from 'node:crypto';
import { App } from '@tinyhttp/app';
import { cors } from '@tinyhttp/cors';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { nodeHooks, runPayload } from 'snapshot-restore/http';

const port = Number(process.env.PORT ?? 3000);
const upstream = {
  fetch: globalThis.fetch,
  headers: new Headers({ 'user-agent': 'heldout-upstream/1.0', accept: 'text/plain' }),
  hasResponse: typeof Response === 'function',
  open: true,
};
const trace = [];
const initId = randomUUID();
let id = initId;
let restoredBy = null;
let tenant = null;

registerBeforeSnapshot(function closeUpstream() { upstream.open = false; trace.push('closeUpstream'); });
registerAfterRestore(function openUpstream() { upstream.open = true; trace.push('openUpstream'); });
registerAfterRestore(function newId() {
  id = randomUUID();
  const p = runPayload();
  if (p) tenant = JSON.parse(p).tenant ?? null;
  restoredBy = 'newId';
  trace.push('newId');
});

const hooks = nodeHooks();
// tinyhttp's res.json() pretty-prints (JSON.stringify(body, null, 2)); emulate's report keeps the
// first line of an answer, so answer one-line JSON.
const json = (res, obj, status = 200) => { res.status(status).set('content-type', 'application/json').send(JSON.stringify(obj)); };
const app = new App();
app.use(async (req, res, next) => {
  if (await hooks(req, res)) return;
  next();
});
app.use(cors({ origin: 'https://example.org' }));
const state = () => ({ id, initId, restoredBy, tenant, upstreamOpen: upstream.open, hasResponse: upstream.hasResponse, trace });
app.get('/', async (_req, res) => {
  // the first request after the restore uses the fetch and Headers kept at init
  let upstreamStatus = null;
  try {
    const r = await upstream.fetch(`http://127.0.0.1:${port}/health`, { headers: upstream.headers });
    upstreamStatus = (await r.text()) === 'ok' ? r.status : -r.status;
  } catch (e) {
    upstreamStatus = String(e.message ?? e).slice(0, 60);
  }
  json(res, { id, initId, restoredBy, tenant, upstreamStatus, hasResponse: upstream.hasResponse, trace });
});
app.get('/id', (_req, res) => json(res, state()));
app.get('/health', (_req, res) => void res.send('ok'));
app.get('/selfcheck', async (_req, res) => {
  try {
    const r = await upstream.fetch(`http://127.0.0.1:${port}/health`, { headers: upstream.headers });
    const text = await r.text();
    json(res, { status: r.status, text }, r.ok && text === 'ok' && r instanceof Response ? 200 : 502);
  } catch (e) {
    json(res, { error: String(e) }, 500);
  }
});
app.listen(port, () => console.log(`listening on ${port}`));
