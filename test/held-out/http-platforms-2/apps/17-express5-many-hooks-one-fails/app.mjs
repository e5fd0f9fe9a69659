// Express 5.1: four before-snapshot hooks, sync and async; the third to run (registered second)
// throws. Reverse order: flushLogs, closeHttpAgents, failingSnapshotCheck (throws), closePool never runs.
import { randomUUID } from 'node:crypto';
import express from 'express';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { expressHooks } from 'snapshot-restore/http';

const trace = [];
const initId = randomUUID();
registerBeforeSnapshot(function closePool() { trace.push('closePool'); });
registerBeforeSnapshot(async function failingSnapshotCheck() {
  await new Promise((r) => setTimeout(r, 5));
  trace.push('failingSnapshotCheck');
  throw new Error('refusing to snapshot: 3 open leases');
});
registerBeforeSnapshot(async function closeHttpAgents() { await Promise.resolve(); trace.push('closeHttpAgents'); });
registerBeforeSnapshot(function flushLogs() { trace.push('flushLogs'); });
registerAfterRestore(function reopen() { trace.push('reopen'); });

const app = express();
app.use(expressHooks());
app.get('/health', (_req, res) => res.send('ok'));
app.get(['/', '/id'], (_req, res) => res.json({ id: initId, initId, trace }));
app.listen(Number(process.env.PORT ?? 8080));
