// MicroVM-only Hono app (platform declared in code): ready() says no until a background warm-up
// (loading a big lookup table in chunks) is done, so `ready` answers 503 and is asked again.
// Tenant and API key come from the run payload (AWS: per-VM values in run, not in the image).
import { randomUUID } from 'node:crypto';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { honoHooks, runPayload } from 'snapshot-restore/http';

const trace = [];
const table = [];
let warm = false;
(async () => {
  for (let i = 0; i < 40; i++) {
    await new Promise((r) => setTimeout(r, 40));
    table.push(i);
  }
  warm = true;
})();
const initId = 'image';
let id = initId;
let tenant = null;
registerBeforeSnapshot(function sealTable() { trace.push('sealTable'); });
registerAfterRestore(function fromPayload() {
  const p = runPayload();
  tenant = p ? JSON.parse(p).tenant : null;
  id = randomUUID();
  trace.push('fromPayload');
});

const app = new Hono();
app.use(honoHooks({ platform: 'microvm', ready: () => warm }));
app.get('/health', (c) => c.text('ok'));
app.get('/', (c) => c.json({ id, initId, trace, tenant, rows: table.length }));
app.get('/id', (c) => c.json({ id, initId, trace, tenant, rows: table.length }));
serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 8080), hostname: '0.0.0.0' });
