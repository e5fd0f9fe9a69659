// micro 10 as its README shows it: `const server = new http.Server(serve(handler)); server.listen(port)`,
// with `json(req)` (raw-body -> http-errors -> depd keeps a call site) and an ajv validator compiled at
// init. micro has no adapter: the node:http adapter at the top of the handler (docs'
// `if (await hooks(req, res)) return;`; returning undefined leaves the answer to the adapter).
// LWA: the hook paths are the app's own (AWS_LWA_SNAPSTART_BEFORE_CHECKPOINT_PATH=/_lwa/pre,
// AWS_LWA_SNAPSTART_AFTER_RESTORE_PATH=/_lwa/post) and the readiness path /healthz.
// Docs promise a REAL snapshot on Node 20 and 22. Hooks: before (persistCounters, then
// closeValidatorCache: reverse order), after (loadCounters, newId).
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import Ajv from 'ajv';
import { json, send, serve } from 'micro';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { nodeHooks, runPayload } from 'snapshot-restore/http';

const ajv = new Ajv();
const validateOrder = ajv.compile({
  type: 'object',
  properties: { sku: { type: 'string' }, qty: { type: 'integer', minimum: 1 } },
  required: ['sku', 'qty'],
  additionalProperties: false,
});
const trace = [];
const initId = randomUUID();
let id = initId;
let restoredBy = null;
let tenant = null;
const counters = { orders: 0, loaded: true };

registerBeforeSnapshot(function closeValidatorCache() { trace.push('closeValidatorCache'); });
registerBeforeSnapshot(function persistCounters() { counters.loaded = false; trace.push('persistCounters'); });
registerAfterRestore(function loadCounters() { counters.loaded = true; trace.push('loadCounters'); });
registerAfterRestore(function newId() {
  id = randomUUID();
  const p = runPayload();
  if (p) tenant = JSON.parse(p).tenant ?? null;
  restoredBy = 'newId';
  trace.push('newId');
});

const hooks = nodeHooks();
const state = () => ({ id, initId, restoredBy, tenant, countersLoaded: counters.loaded, trace });
const handler = async (req, res) => {
  if (await hooks(req, res)) return;
  const url = new URL(req.url, 'http://x');
  if (req.method === 'GET' && (url.pathname === '/' || url.pathname === '/id')) return state();
  if (req.method === 'GET' && url.pathname === '/healthz') return 'ok';
  if (req.method === 'POST' && url.pathname === '/orders') {
    const body = await json(req);
    if (!validateOrder(body)) return send(res, 400, { errors: validateOrder.errors });
    counters.orders++;
    return send(res, 201, { ok: true, orders: counters.orders });
  }
  return send(res, 404, { error: 'not found' });
};

const server = new http.Server(serve(handler));
server.listen(Number(process.env.PORT ?? 3000));
