// polka (0.5, Express-like, CommonJS package imported from ESM) with pino (stdout) and dotenv
// (`import 'dotenv/config'`: reads ./.env at init and announces it on stdout). polka has no adapter of
// its own, so the node:http adapter is used the way the docs show for node:http
// (`if (await hooks(req, res)) return;`), as polka's first middleware. Docs promise a REAL snapshot on
// Node 20 and 22 (polka's listen() is node:http's, deferred in the build). Hooks: before (stopFlusher),
// after (startFlusher, newRequestIdPrefix). Both pino's and dotenv's lines go to stdout: emulate
// --json must keep stdout the report only.
import 'dotenv/config';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import polka from 'polka';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { nodeHooks, runPayload } from 'snapshot-restore/http';

const log = pino({ level: process.env.LOG_LEVEL ?? 'info' });
const trace = [];
const initId = randomUUID();
let id = initId;
let restoredBy = null;
let tenant = null;
let flusher = { running: true };

registerBeforeSnapshot(function stopFlusher() { flusher.running = false; log.flush(); trace.push('stopFlusher'); });
registerAfterRestore(function startFlusher() { flusher = { running: true }; trace.push('startFlusher'); });
registerAfterRestore(function newRequestIdPrefix() {
  id = randomUUID();
  const p = runPayload();
  if (p) tenant = JSON.parse(p).tenant ?? null;
  restoredBy = 'newRequestIdPrefix';
  trace.push('newRequestIdPrefix');
  log.info({ id }, 'restored');
});

const hooks = nodeHooks();
const send = (res, code, obj) => {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(JSON.stringify(obj));
};
const state = () => ({ id, initId, restoredBy, tenant, flusher: flusher.running, greeting: process.env.GREETING ?? null, trace });

polka()
  .use(async (req, res, next) => {
    if (await hooks(req, res)) return;
    next();
  })
  .use((req, _res, next) => { log.info({ url: req.url }, 'request'); next(); })
  .get('/', (_req, res) => send(res, 200, state()))
  .get('/id', (_req, res) => send(res, 200, state()))
  .get('/health', (_req, res) => { res.end('ok'); })
  .get('/users/:id', (req, res) => send(res, 200, { user: req.params.id }))
  .listen(Number(process.env.PORT ?? 3000), (err) => {
    if (err) throw err;
    log.info('listening');
  });
