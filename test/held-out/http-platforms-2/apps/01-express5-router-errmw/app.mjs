// Express 5.1 (ESM): the API lives on an express.Router mounted at /api, with an error-handling
// middleware at the end; expressHooks() goes first (docs: "first"). Sync and async hooks, several.
import { randomUUID } from 'node:crypto';
import express from 'express';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { expressHooks } from 'snapshot-restore/http';

const trace = [];
const initId = randomUUID();
let id = initId;
let sessions = new Map([['warm', 1]]);
registerBeforeSnapshot(function dropSessions() { sessions.clear(); trace.push('dropSessions'); });
registerBeforeSnapshot(async function flushAudit() { await new Promise((r) => setTimeout(r, 20)); trace.push('flushAudit'); });
registerAfterRestore(async function reopenAudit() { await Promise.resolve(); trace.push('reopenAudit'); });
registerAfterRestore(function newInstance() { id = randomUUID({ disableEntropyCache: true }); sessions = new Map(); trace.push('newInstance'); });

const api = express.Router();
api.get('/items/:n', (req, res) => {
  const n = Number(req.params.n);
  if (!Number.isInteger(n)) throw Object.assign(new Error('bad item'), { status: 400 });
  res.json({ n });
});
api.get('/boom', async () => { throw new Error('async boom'); }); // Express 5 forwards rejections

const app = express();
app.use(expressHooks());
app.use(express.json());
app.use('/api', api);
app.get('/health', (_req, res) => res.send('ok'));
app.get(['/', '/id'], (_req, res) => res.json({ id, initId, trace }));
app.use((err, _req, res, _next) => res.status(err.status ?? 500).json({ error: err.message }));
app.listen(Number(process.env.PORT ?? 3000), (err) => { if (err) throw err; console.log('api up'); });
