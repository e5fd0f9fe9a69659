// MicroVM-only Express 4.21 (CommonJS): suspend: 'none' (the hooks run only around the image's
// snapshot); the run payload is read with runPayload() whether the platform sends it raw or
// wrapped as {"runHookPayload": "..."} (docs: both forms are read).
const { randomUUID } = require('node:crypto');
const express = require('express4');
const { registerBeforeSnapshot, registerAfterRestore } = require('snapshot-restore');
const { expressHooks, runPayload } = require('snapshot-restore/http');

const trace = [];
const initId = randomUUID();
let id = initId;
let tenant = null;
registerBeforeSnapshot(function sealImage() { trace.push('sealImage'); });
registerAfterRestore(function personalize() {
  id = randomUUID();
  const p = runPayload();
  tenant = p ? JSON.parse(p).tenant : null;
  trace.push('personalize');
});

const app = express();
app.use(expressHooks({ platform: 'microvm', suspend: 'none' }));
app.get('/health', (_req, res) => res.send('ok'));
app.get(['/', '/id'], (_req, res) => res.json({ id, initId, trace, tenant }));
app.listen(Number(process.env.PORT || 8080), '0.0.0.0');
