// Hono: a before-snapshot hook that takes ~2.5 s (uploading a warm cache). MicroVM: `ready` answers
// 503 after holdMs (1 s) while it runs and is asked again (docs). LWA: the POST waits and gets 200.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { honoHooks, isRestoring } from 'snapshot-restore/http';

const trace = [];
const initId = `boot-${Date.now()}-${Math.random()}`;
let id = initId;
registerBeforeSnapshot(async function uploadCache() {
  await new Promise((r) => setTimeout(r, 2500));
  trace.push('uploadCache');
});
registerBeforeSnapshot(function markSnapshot() { trace.push('markSnapshot'); });
registerAfterRestore(function newBoot() { id = `boot-${Date.now()}-${Math.random()}`; trace.push('newBoot'); });

const app = new Hono();
app.use('*', honoHooks());
app.get('/health', (c) => (isRestoring() ? c.text('restoring', 503) : c.text('ok')));
app.get('/', (c) => c.json({ id, initId, trace }));
app.get('/id', (c) => c.json({ id, initId, trace }));
serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 8080) });
