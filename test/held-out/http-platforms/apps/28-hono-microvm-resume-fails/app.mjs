// Hono in a MicroVM: the after-restore hook reconnects to a broker; on resume (the second time it
// runs) the broker refuses. Docs: resume runs the after-restore phase; a failure answers 500 naming
// the hook and the process keeps running.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { honoHooks } from 'snapshot-restore/http';

const trace = [];
let connects = 0;
registerBeforeSnapshot(function disconnect() { trace.push('disconnect'); });
registerAfterRestore(async function brokerConnect() {
  connects++;
  trace.push('brokerConnect');
  if (connects > 1) throw new Error('broker refused the reconnect (ECONNREFUSED)');
});
const app = new Hono();
app.use(honoHooks({ platform: 'microvm' }));
app.get('/health', (c) => c.text('ok'));
app.get('/', (c) => c.json({ trace, connects }));
app.get('/id', (c) => c.json({ trace, connects }));
serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 8080), hostname: '0.0.0.0' });
