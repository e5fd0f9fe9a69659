// Express 5 with the usual middleware stack: helmet, cors, compression, morgan ('combined' to stdout).
// Docs (docs/http-platforms.md): `app.use(expressHooks())` first; `app.listen()` is deferred in the
// build, so this app gets a REAL V8 snapshot on Node 20 and 22 (Express 5 and morgan keep depd call
// sites: the builder hands depd plain copies, docs "Node 22's snapshot writer also aborts ...").
// Hooks: before-snapshot runs in reverse registration order (drainQueue, then flushMetrics); after-restore
// in registration order (reopenQueue, newInstanceId). `/health` is the app's own isRestoring() check
// (503 from the before-snapshot phase until the after-restore hooks are done); LWA's readiness
// path is /ready. morgan logs every request to stdout: emulate --json must keep stdout the report only.
import { randomUUID } from 'node:crypto';
import compression from 'compression';
import cors from 'cors';
import express from 'express';
import helmet from 'helmet';
import morgan from 'morgan';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { expressHooks, isRestoring, runPayload } from 'snapshot-restore/http';

const trace = [];
const initId = randomUUID();
let id = initId;
let restoredBy = null;
let tenant = null;
const queue = { open: true, pending: [] };

registerBeforeSnapshot(function flushMetrics() { trace.push('flushMetrics'); });
registerBeforeSnapshot(async function drainQueue() {
  await new Promise((r) => setTimeout(r, 20));
  queue.pending.length = 0;
  queue.open = false;
  trace.push('drainQueue');
});
registerAfterRestore(function reopenQueue() { queue.open = true; trace.push('reopenQueue'); });
registerAfterRestore(async function newInstanceId() {
  await Promise.resolve();
  id = randomUUID();
  const p = runPayload();
  if (p) tenant = JSON.parse(p).tenant ?? null;
  restoredBy = 'newInstanceId';
  trace.push('newInstanceId');
});

const app = express();
app.use(expressHooks());
app.use(helmet());
app.use(cors({ origin: ['https://example.org'] }));
app.use(compression());
app.use(morgan('combined'));
app.use(express.json());

const state = () => ({ id, initId, restoredBy, tenant, queueOpen: queue.open, trace });
app.get('/ready', (_req, res) => { res.send('ready'); });
app.get('/health', (_req, res) => { if (isRestoring()) res.status(503).send('restoring'); else res.send('ok'); });
app.get('/', (_req, res) => { res.json(state()); });
app.get('/id', (_req, res) => { res.json(state()); });
app.get('/big', (_req, res) => { res.json({ rows: Array.from({ length: 400 }, (_, i) => ({ i, name: `row ${i}` })) }); });
app.post('/orders', (req, res) => { res.status(201).json({ got: req.body }); });

const port = Number(process.env.PORT ?? 8080);
app.listen(port, () => { console.log(`listening on ${port}`); });
