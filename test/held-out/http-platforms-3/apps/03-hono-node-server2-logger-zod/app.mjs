// Hono 4 on @hono/node-server 2's serve(), with hono/logger (console.log: stdout) and zod for input.
// @hono/node-server keeps globalThis.Request/Response/Headers as they are when it loads and serve()
// puts its own on globalThis; docs: for the build those globals are stand-ins, Node's come back in the
// restored process, "the same on Node 20, 22 and 24": a REAL snapshot on Node 20 and 22.
// honoHooks() first (docs). LWA: no AWS_LWA_READINESS_CHECK_PATH, so the readiness path is `/`
// (503 while restoring, then the app's own `/`). Hooks: before (closePool), after in order
// (openPool, newSession). The run payload (MicroVM) is read in newSession.
import { randomUUID } from 'node:crypto';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { logger } from 'hono/logger';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { honoHooks, runPayload } from 'snapshot-restore/http';
import { z } from 'zod';

const trace = [];
const initId = randomUUID();
let id = initId;
let restoredBy = null;
let tenant = null;
const pool = { open: true };
const Item = z.object({ n: z.coerce.number().int().positive() });
const Payload = z.object({ tenant: z.string() }).passthrough();

registerBeforeSnapshot(async function closePool() { await new Promise((r) => setTimeout(r, 10)); pool.open = false; trace.push('closePool'); });
registerAfterRestore(async function openPool() { await new Promise((r) => setTimeout(r, 150)); pool.open = true; trace.push('openPool'); });
registerAfterRestore(function newSession() {
  id = randomUUID();
  const p = runPayload();
  if (p) tenant = Payload.parse(JSON.parse(p)).tenant;
  restoredBy = 'newSession';
  trace.push('newSession');
});

const app = new Hono();
app.use(honoHooks());
app.use(logger());
const state = () => ({ id, initId, restoredBy, tenant, poolOpen: pool.open, trace });
app.get('/', (c) => c.json(state()));
app.get('/id', (c) => c.json(state()));
app.get('/health', (c) => c.text('ok'));
app.get('/items/:n', (c) => {
  const r = Item.safeParse({ n: c.req.param('n') });
  if (!r.success) return c.json({ error: 'bad n' }, 400);
  return c.json(r.data);
});
app.post('/echo', async (c) => c.json(await c.req.json()));

serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3000) }, (info) => {
  console.log(`Server is running on http://localhost:${info.port}`);
});
