// Express 5: an after-restore hook that hangs (a reconnect with no timeout of its own); the team set
// afterRestoreTimeoutMs: 600 per docs ("Deadlines"). Expected: the after-restore phase fails with a
// HookError naming reconnectBroker, well before the hook would end.
import express from 'express';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { expressHooks, snapshotHooks } from 'snapshot-restore/http';

const trace = [];
registerBeforeSnapshot(function disconnectBroker() { trace.push('disconnectBroker'); });
registerAfterRestore(function resetCounters() { trace.push('resetCounters'); });
registerAfterRestore(async function reconnectBroker() {
  trace.push('reconnectBroker:start');
  await new Promise((r) => setTimeout(r, 4000));
  trace.push('reconnectBroker:end');
});

const hooks = snapshotHooks({ afterRestoreTimeoutMs: 600 });
const app = express();
app.use(expressHooks(hooks));
app.get('/health', (_req, res) => res.send('ok'));
app.get('/', (_req, res) => res.json({ trace }));
app.get('/id', (_req, res) => res.json({ trace }));
app.listen(Number(process.env.PORT ?? 8080));
