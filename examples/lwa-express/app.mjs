// An Express app run by Lambda Web Adapter with SnapStart on. The adapter POSTs to the paths in
// AWS_LWA_SNAPSTART_BEFORE_CHECKPOINT_PATH / AWS_LWA_SNAPSTART_AFTER_RESTORE_PATH (set in the
// Dockerfile); expressHooks() answers them from the hook registry, and answers the readiness path
// with 503 until the after-restore hooks have finished.
import { randomUUID } from 'node:crypto';
import express from 'express';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { expressHooks } from 'snapshot-restore/http';

// Made at init, so the snapshot would clone it into every environment: made again after each restore.
let instanceId = randomUUID();
let connected = true;

registerBeforeSnapshot(function closeConnections() {
  connected = false;
});
registerAfterRestore(function reconnect() {
  connected = true;
});
registerAfterRestore(function newInstanceId() {
  instanceId = randomUUID();
});

const app = express();
app.use(expressHooks());
app.get('/health', (_req, res) => {
  res.status(connected ? 200 : 503).send(connected ? 'ok' : 'not connected');
});
app.get('/', (_req, res) => {
  res.json({ instanceId, connected });
});

const port = Number(process.env.PORT ?? process.env.AWS_LWA_PORT ?? 8080);
const server = app.listen(port, '127.0.0.1', () => {
  console.log(`listening on ${server.address().port}`);
});
