// Fastify 5: a before-snapshot hook that hangs on a stuck flush; the team bounds the phase with
// SNAPSHOT_RESTORE_BEFORE_SNAPSHOT_TIMEOUT_MS=800 (docs "Deadlines"). Expected under the web adapter:
// before-checkpoint answers 500 with a HookError naming stuckFlush, in about 0.8 s, not 5 s.
import Fastify from 'fastify';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { fastifyHooks } from 'snapshot-restore/http';

const trace = [];
registerBeforeSnapshot(async function stuckFlush() {
  trace.push('stuckFlush:start');
  await new Promise((r) => setTimeout(r, 5000));
  trace.push('stuckFlush:end');
});
registerAfterRestore(function never() { trace.push('never'); });
const app = Fastify();
app.addHook('onRequest', fastifyHooks());
app.get('/health', async () => 'ok');
app.get('/', async () => ({ trace }));
app.get('/id', async () => ({ trace }));
await app.listen({ port: Number(process.env.PORT ?? 3000), host: '127.0.0.1' });
