// Plain node:http (CommonJS): a config cache refreshed by a self-rescheduling setTimeout started at
// init; the timer is cancelled before the snapshot and the cache dropped; after the restore the
// refresher starts again. /health reports isRestoring() (503 while restoring).
const http = require('node:http');
const { randomUUID } = require('node:crypto');
const { registerBeforeSnapshot, registerAfterRestore } = require('snapshot-restore');
const { nodeHooks, isRestoring } = require('snapshot-restore/http');

const trace = [];
const initId = randomUUID();
let id = initId;
let refreshTimer;
let config = null;
let refreshes = 0;
function refresh() {
  config = { version: ++refreshes, at: Date.now() };
  refreshTimer = setTimeout(refresh, 5000);
}
refresh();
registerBeforeSnapshot(function stopRefresher() { clearTimeout(refreshTimer); refreshTimer = undefined; config = null; trace.push('stopRefresher'); });
registerAfterRestore(function startRefresher() { id = randomUUID(); refresh(); trace.push('startRefresher'); });

const hooks = nodeHooks();
http.createServer(async (req, res) => {
  if (await hooks(req, res)) return;
  if (req.url === '/health') { res.statusCode = isRestoring() ? 503 : 200; return res.end(isRestoring() ? 'restoring' : 'ok'); }
  if (req.url === '/' || req.url === '/id') { res.setHeader('content-type', 'application/json'); return res.end(JSON.stringify({ id, initId, trace, hasConfig: config !== null })); }
  res.statusCode = 404; res.end();
}).listen(Number(process.env.PORT || 8080));
