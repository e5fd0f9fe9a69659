// Guards (driver only), Koa 2.15 mounted on node:http. With SPOOF_REMOTE set, every connection looks
// as if it came from that address (a caller other than the adapter, e.g. the port exposed on ECS or
// local Docker) while all traffic stays on loopback. Docs "Guards".
import http from 'node:http';
import Koa from 'koa';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { koaHooks } from 'snapshot-restore/http';

const trace = [];
registerBeforeSnapshot(function guardedBefore() { trace.push('guardedBefore'); });
registerAfterRestore(function guardedAfter() { trace.push('guardedAfter'); });
const app = new Koa();
app.use(koaHooks());
app.use(async (ctx) => {
  if (ctx.path === '/health') ctx.body = 'ok';
  else if (ctx.path === '/id') ctx.body = { trace };
  else ctx.status = 404;
});
const server = http.createServer(app.callback());
if (process.env.SPOOF_REMOTE) {
  server.on('connection', (socket) => Object.defineProperty(socket, 'remoteAddress', { value: process.env.SPOOF_REMOTE, configurable: true }));
}
server.listen(Number(process.env.PORT ?? 8080), '127.0.0.1');
