// Express 5: a slow after-restore hook (re-fetching config, ~1.2 s). The readiness path must answer
// 503 until it is done (docs: Readiness), then the app's own /health.
import express from 'express';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { expressHooks } from 'snapshot-restore/http';

const trace = [];
let config = { version: 'image', fetchedAt: Date.now() };
const initId = `cfg-${process.hrtime.bigint()}`;
let id = initId;
registerBeforeSnapshot(function forgetConfig() { trace.push('forgetConfig'); });
registerAfterRestore(async function refetchConfig() {
  await new Promise((r) => setTimeout(r, 1200));
  config = { version: 'live', fetchedAt: Date.now() };
  id = `cfg-${process.hrtime.bigint()}`;
  trace.push('refetchConfig');
});
registerAfterRestore(function logReady() { trace.push('logReady'); });

const app = express();
app.use(expressHooks());
app.get('/health', (_req, res) => res.json({ ok: true, config: config.version }));
app.get('/', (_req, res) => res.json({ id, initId, trace, config }));
app.get('/id', (_req, res) => res.json({ id, initId, trace, config }));
app.listen(Number(process.env.PORT ?? 8080));
