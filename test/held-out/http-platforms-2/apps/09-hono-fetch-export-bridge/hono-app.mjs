// The app as a Bun/Deno/Workers-style module: `export default { fetch }`, no serve() and no
// app.fire(). honoHooks() runs on whatever runtime calls fetch.
import { Hono } from 'hono';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { honoHooks } from 'snapshot-restore/http';

export const trace = [];
export const state = { initId: `init-${Date.now()}-${process.hrtime.bigint()}` };
state.id = state.initId;
registerBeforeSnapshot(function sealState() { trace.push('sealState'); });
registerAfterRestore(async function renewState() { await new Promise((r) => setTimeout(r, 5)); state.id = `restored-${process.hrtime.bigint()}-${Math.random()}`; trace.push('renewState'); });

const app = new Hono();
app.use(honoHooks());
app.get('/health', (c) => c.text('ok'));
app.get('/id', (c) => c.json({ id: state.id, initId: state.initId, trace }));
app.get('/', (c) => c.json({ id: state.id, initId: state.initId, trace }));
app.notFound((c) => c.text('nope', 404));

export default { fetch: app.fetch };
