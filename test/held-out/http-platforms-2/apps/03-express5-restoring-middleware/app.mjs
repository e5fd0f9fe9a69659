// Express 5: a readiness middleware of the app's own, built on isRestoring(), answers 503 for every
// app route while the platform restores; the adapter's readiness path is /ready (AWS_LWA_READINESS_CHECK_PATH).
// The after-restore hooks are slow (~600 ms in all) so the readiness window can be observed.
import { randomUUID } from 'node:crypto';
import express from 'express';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { expressHooks, isRestoring } from 'snapshot-restore/http';

const trace = [];
const initId = randomUUID();
let id = initId;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
registerBeforeSnapshot(function quiesce() { trace.push('quiesce'); });
registerAfterRestore(async function refreshCredentials() { await sleep(300); trace.push('refreshCredentials'); });
registerAfterRestore(async function reseed() { await sleep(300); id = randomUUID(); trace.push('reseed'); });

const app = express();
app.use(expressHooks());
app.get('/id', (_req, res) => res.json({ id, initId, trace, restoring: isRestoring() })); // diagnostics, not gated
app.use((_req, res, next) => (isRestoring() ? res.status(503).send('restoring') : next()));
app.get('/ready', (_req, res) => res.send('ready'));
app.get('/status', (_req, res) => res.json({ ok: true }));
app.get('/', (_req, res) => res.json({ id, initId, trace }));
app.listen(Number(process.env.PORT ?? 8080));
