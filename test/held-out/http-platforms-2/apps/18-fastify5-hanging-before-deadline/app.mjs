// Fastify 5.4: one before-snapshot hook never settles (a drain waiting on a promise nobody resolves).
// The deadline comes from the environment (SNAPSHOT_RESTORE_BEFORE_SNAPSHOT_TIMEOUT_MS), set low in
// expect.json; the phase must fail naming the hook, not hang. A quick hook before it runs first.
import Fastify from 'fastify';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { fastifyHooks } from 'snapshot-restore/http';

const trace = [];
registerBeforeSnapshot(function waitForInflightDrain() { trace.push('waitForInflightDrain'); return new Promise(() => {}); });
registerBeforeSnapshot(async function stopAccepting() { trace.push('stopAccepting'); });
registerAfterRestore(function startAccepting() { trace.push('startAccepting'); });

const app = Fastify();
app.addHook('onRequest', fastifyHooks());
app.get('/health', async () => 'ok');
app.get('/id', async () => ({ id: 'x', initId: 'x', trace }));
app.get('/', async () => ({ trace }));
await app.listen({ port: Number(process.env.PORT ?? 3000), host: '127.0.0.1' });
