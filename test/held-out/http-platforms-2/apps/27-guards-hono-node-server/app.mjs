// Guards (driver only), Hono on @hono/node-server 1.14 (docs: honoHooks gets the caller's address
// under @hono/node-server). SPOOF_REMOTE as in 26.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { honoHooks } from 'snapshot-restore/http';

const trace = [];
registerBeforeSnapshot(function guardedBefore() { trace.push('guardedBefore'); });
registerAfterRestore(function guardedAfter() { trace.push('guardedAfter'); });
const app = new Hono();
app.use(honoHooks());
app.get('/health', (c) => c.text('ok'));
app.get('/id', (c) => c.json({ trace }));
const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 8080), hostname: '127.0.0.1' });
if (process.env.SPOOF_REMOTE) {
  server.on('connection', (socket) => Object.defineProperty(socket, 'remoteAddress', { value: process.env.SPOOF_REMOTE, configurable: true }));
}
