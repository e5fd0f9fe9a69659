// Guards check (driver only): an Express 5 app mounted on node:http. When SPOOF_REMOTE is set, the
// server makes every connection look as if it came from that address (what the app would see from a
// caller that is not the adapter, e.g. the port exposed on ECS/local Docker), without any traffic
// leaving loopback. Docs "Guards": 403 for a web adapter path from a non-loopback caller when the
// adapter connects over loopback, or when not under SnapStart; 403 for a MicroVM path when the
// platform has not been declared; MicroVM hooks are not limited to loopback.
import { createServer } from 'node:http';
import express from 'express';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { expressHooks } from 'snapshot-restore/http';

const trace = [];
registerBeforeSnapshot(function guardedBefore() { trace.push('guardedBefore'); });
registerAfterRestore(function guardedAfter() { trace.push('guardedAfter'); });
const app = express();
app.use(expressHooks());
app.get('/health', (_req, res) => res.send('ok'));
app.get('/id', (_req, res) => res.json({ trace }));
const server = createServer(app);
if (process.env.SPOOF_REMOTE) {
  server.on('connection', (socket) => {
    Object.defineProperty(socket, 'remoteAddress', { value: process.env.SPOOF_REMOTE, configurable: true });
  });
}
server.listen(Number(process.env.PORT ?? 8080), '127.0.0.1');
