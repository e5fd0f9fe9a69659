// Express 5: a before-snapshot hook that registers another after-restore hook (late, while the phase
// runs). Docs: LWA -> it can never run (a warning says so); MicroVM -> "did not run in this MicroVM's
// run; it runs at the next resume". Also an after-restore hook registered at the first request to / (after run): MicroVM runs it at the next resume.
import { randomUUID } from 'node:crypto';
import express from 'express';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { expressHooks } from 'snapshot-restore/http';

const trace = [];
const initId = randomUUID();
let id = initId;
registerAfterRestore(function renew() { id = randomUUID(); trace.push('renew'); });
let lateDone = false;
registerBeforeSnapshot(function prepare() {
  trace.push('prepare');
  if (lateDone) return;
  lateDone = true;
  registerAfterRestore(function lateReconnect() { trace.push('lateReconnect'); });
});
let lazyDone = false;

const app = express();
app.use(expressHooks());
app.get('/', (_req, res) => {
  // first request: registers an after-restore hook after the after-restore phase (run) already ran
  if (!lazyDone) { lazyDone = true; registerAfterRestore(function lazyRegistered() { trace.push('lazyRegistered'); }); }
  res.json({ id, initId });
});
app.get('/health', (_req, res) => res.send('ok'));
app.get('/id', (_req, res) => res.json({ id, initId, trace }));
app.listen(Number(process.env.PORT ?? 8080));
