// MicroVM Express 5 app (platform in code) that reads its tenant config and an API key from the run
// payload; the key is never put in the image. Both payload forms are accepted per docs.
import { randomUUID } from 'node:crypto';
import express from 'express';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { expressHooks, runPayload } from 'snapshot-restore/http';

const trace = [];
const initId = randomUUID();
let id = initId;
let tenant = null;
let apiKey = null;
registerBeforeSnapshot(function forgetKey() { apiKey = null; trace.push('forgetKey'); });
registerAfterRestore(function readPayload() {
  const raw = runPayload();
  if (raw) ({ tenant, apiKey } = JSON.parse(raw));
  trace.push('readPayload');
});
registerAfterRestore(async function vmIdentity() { id = randomUUID(); trace.push('vmIdentity'); });

const app = express();
app.use(expressHooks({ platform: 'microvm' }));
app.use(express.json({ limit: '1mb' }));
app.get('/health', (_req, res) => res.send(apiKey ? 'ok' : 'no key'));
app.get('/', (_req, res) => res.json({ id, initId, trace, tenant, hasKey: Boolean(apiKey) }));
app.get('/id', (_req, res) => res.json({ id, initId, trace, tenant, hasKey: Boolean(apiKey) }));
app.listen(Number(process.env.PORT ?? 8080), '0.0.0.0');
