// Express 5.1: the app registers hooks late, inside a request: the first GET / registers a
// before-snapshot hook and an after-restore hook (a "lazy client" pattern). Docs: under the web
// adapter they can never run (the phases are over, a warning says so); in a MicroVM the
// before-snapshot hook "runs at the next suspend" and the after-restore hook "at the next resume".
import { randomUUID } from 'node:crypto';
import express from 'express';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { expressHooks } from 'snapshot-restore/http';

const trace = [];
const initId = randomUUID();
let id = initId;
registerBeforeSnapshot(function closeEager() { trace.push('closeEager'); });
registerAfterRestore(function openEager() { id = randomUUID(); trace.push('openEager'); });
let lazyClient;
function getLazyClient() {
  if (!lazyClient) {
    lazyClient = { open: true };
    registerBeforeSnapshot(function closeLazy() { lazyClient.open = false; trace.push('closeLazy'); });
    registerAfterRestore(function openLazy() { lazyClient.open = true; trace.push('openLazy'); });
  }
  return lazyClient;
}

const app = express();
app.use(expressHooks());
app.get('/health', (_req, res) => res.send('ok'));
app.get('/', (_req, res) => res.json({ id, initId, lazy: getLazyClient().open }));
app.get('/id', (_req, res) => res.json({ id, initId, trace }));
app.listen(Number(process.env.PORT ?? 8080));
