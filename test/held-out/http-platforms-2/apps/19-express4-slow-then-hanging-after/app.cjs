// Express 4.21 (CommonJS): after-restore hooks: a slow one (400 ms), then one that hangs. The
// deadline comes from SNAPSHOT_RESTORE_AFTER_RESTORE_TIMEOUT_MS (1500 in expect.json): the phase
// fails naming the hanging hook, readiness must not pass, and the process keeps serving.
const { randomUUID } = require('node:crypto');
const express = require('express4');
const { registerBeforeSnapshot, registerAfterRestore } = require('snapshot-restore');
const { expressHooks } = require('snapshot-restore/http');

const trace = [];
const initId = randomUUID();
registerBeforeSnapshot(function pauseConsumers() { trace.push('pauseConsumers'); });
registerAfterRestore(async function warmTemplates() { await new Promise((r) => setTimeout(r, 400)); trace.push('warmTemplates'); });
registerAfterRestore(function reconnectBroker() { trace.push('reconnectBroker'); return new Promise(() => {}); });
registerAfterRestore(function neverReached() { trace.push('neverReached'); });

const app = express();
app.use(expressHooks());
app.get('/health', (_req, res) => res.send('ok'));
app.get(['/', '/id'], (_req, res) => res.json({ id: initId, initId, trace }));
app.listen(Number(process.env.PORT || 8080));
