// Express 5 app whose second-registered before-snapshot hook fails (a flush to a queue that is down).
// Expected: the before-snapshot phase fails with a HookError naming flushAuditQueue.
import express from 'express';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { expressHooks } from 'snapshot-restore/http';

const trace = [];
registerBeforeSnapshot(function closeSessions() { trace.push('closeSessions'); });
registerBeforeSnapshot(async function flushAuditQueue() {
  trace.push('flushAuditQueue');
  await new Promise((r) => setTimeout(r, 10));
  throw new Error('audit queue unreachable');
});
registerBeforeSnapshot(function stopTelemetry() { trace.push('stopTelemetry'); });
registerAfterRestore(function reopen() { trace.push('reopen'); });

const app = express();
app.use(expressHooks());
app.get('/health', (_req, res) => res.send('ok'));
app.get('/', (_req, res) => res.json({ trace }));
app.get('/id', (_req, res) => res.json({ trace }));
app.listen(Number(process.env.PORT ?? 8080));
