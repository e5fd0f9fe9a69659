// Hono 4.7 on @hono/node-server 1.14's serve() (an older pair than the recipe's). honoHooks() first,
// then a basic-auth-free API with route groups (app.route). Platform from the environment.
import { randomUUID } from 'node:crypto';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { honoHooks } from 'snapshot-restore/http';

const trace = [];
const initId = randomUUID();
let id = initId;
registerBeforeSnapshot(async function closeBroker() { await new Promise((r) => setTimeout(r, 15)); trace.push('closeBroker'); });
registerAfterRestore(function openBroker() { id = randomUUID(); trace.push('openBroker'); });

const books = new Hono();
books.get('/', (c) => c.json([{ title: 'Dune' }]));
books.get('/:id', (c) => c.json({ id: c.req.param('id') }));

const app = new Hono();
app.use(honoHooks());
app.route('/books', books);
app.get('/health', (c) => c.text('ok'));
app.get('/id', (c) => c.json({ id, initId, trace }));
app.get('/', (c) => c.json({ id, initId, trace }));
serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3000) }, (info) => console.log(`listening on ${info.port}`));
