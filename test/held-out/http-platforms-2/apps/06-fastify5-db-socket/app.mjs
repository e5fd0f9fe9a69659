// Fastify 5.4 with a DB-like connection: at init the app starts a tiny line-protocol "database" on a
// free loopback port (a stand-in for a sidecar) and keeps one client socket to it, as a pool would.
// Before the snapshot both are closed (no socket in the snapshot); after the restore the server is
// started again and the client reconnects. /id answers from the live connection (PING -> PONG).
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import Fastify from 'fastify';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { fastifyHooks } from 'snapshot-restore/http';

const trace = [];
const initId = randomUUID();
let id = initId;
let dbServer;
let client;
let connects = 0;

function startDb() {
  return new Promise((resolve) => {
    dbServer = net.createServer((s) => s.on('data', (d) => s.write(String(d).trim() === 'PING' ? 'PONG\n' : 'ERR\n')));
    dbServer.listen(0, '127.0.0.1', () => resolve(dbServer.address().port));
  });
}
function connect(port) {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => { connects++; resolve(s); });
    s.once('error', reject);
  });
}
function ping() {
  if (!client || client.destroyed) return Promise.resolve('no connection');
  return new Promise((resolve) => { client.once('data', (d) => resolve(String(d).trim())); client.write('PING\n'); });
}

client = await connect(await startDb());
console.log('init ping', await ping());

registerBeforeSnapshot(async function closeDb() {
  await new Promise((r) => client.end(r));
  client.destroy();
  await new Promise((r) => dbServer.close(r));
  client = undefined;
  trace.push('closeDb');
});
registerAfterRestore(async function reopenDb() {
  client = await connect(await startDb());
  id = randomUUID();
  trace.push('reopenDb');
});

const app = Fastify();
app.addHook('onRequest', fastifyHooks());
app.get('/health', async () => 'ok');
app.get('/id', async () => ({ id, initId, trace, connects, db: await ping() }));
app.get('/', async () => ({ id, initId, trace, connects, db: await ping() }));
await app.listen({ port: Number(process.env.PORT ?? 3000), host: '127.0.0.1' });
