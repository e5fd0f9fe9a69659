// Express 4 (ESM): one snapshotHooks() configuration shared by the adapter (docs: "Each adapter also
// takes a handler made by snapshotHooks()"), with an explicit readinessPath '/ping'.
import { randomUUID } from 'node:crypto';
import express from 'express4';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { expressHooks, snapshotHooks } from 'snapshot-restore/http';

const trace = [];
const initId = randomUUID();
let id = initId;
registerBeforeSnapshot(function b1() { trace.push('b1'); });
registerBeforeSnapshot(async function b2() { await new Promise((r) => setTimeout(r, 30)); trace.push('b2'); });
registerAfterRestore(async function a1() { await new Promise((r) => setTimeout(r, 30)); trace.push('a1'); });
registerAfterRestore(function a2() { id = randomUUID(); trace.push('a2'); });

const hooks = snapshotHooks({ readinessPath: '/ping', beforeSnapshotTimeoutMs: 5000, afterRestoreTimeoutMs: 5000 });
const app = express();
app.use(expressHooks(hooks));
app.get('/ping', (_req, res) => res.send('pong'));
app.get('/', (_req, res) => res.json({ id, initId, trace }));
app.get('/id', (_req, res) => res.json({ id, initId, trace }));
app.listen(Number(process.env.PORT ?? 8080));
