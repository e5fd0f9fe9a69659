// Hono on @hono/node-server, platform from the environment (LWA variables, or
// SNAPSHOT_RESTORE_PLATFORM=microvm in the image). Hooks: sync and async, several.
import { randomUUID } from 'node:crypto';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { honoHooks } from 'snapshot-restore/http';

const trace = [];
const initId = randomUUID();
let id = initId;
registerBeforeSnapshot(function closeDb() { trace.push('closeDb'); });
registerBeforeSnapshot(async function flushTraces() { await Promise.resolve(); trace.push('flushTraces'); });
registerAfterRestore(async function openDb() { await new Promise((r) => setTimeout(r, 15)); trace.push('openDb'); });
registerAfterRestore(function rotateId() { id = randomUUID(); trace.push('rotateId'); });

const app = new Hono();
app.use(honoHooks());
app.get('/health', (c) => c.text('ok'));
app.get('/', (c) => c.json({ id, initId, trace }));
app.get('/id', (c) => c.json({ id, initId, trace }));
serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 8080) }, (info) => console.log(`listening on ${info.port}`));
