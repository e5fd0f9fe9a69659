// Adapted from awslabs/aws-lambda-web-adapter examples/bun-graphql-zip/app/server.ts
// (commit 486448d6910bf8be41ee07433cabe0c92fa357a6): `Bun.serve({ fetch: yoga })`. On Node, the
// fetch-standard handler is served by a small node:http `serve({ fetch })` of our own; GraphQL
// Yoga is replaced by a tiny fetch handler answering { hello } (no graphql dependency), and
// snapshotHooks() answers the platform's hook requests before it.
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { snapshotHooks } from 'snapshot-restore/http';

const trace = [];
const initId = randomUUID();
let id = initId;
registerBeforeSnapshot(function closeSubscriptions() { trace.push('closeSubscriptions'); });
registerAfterRestore(async function reopenSubscriptions() { id = randomUUID(); trace.push('reopenSubscriptions'); });

const yoga = async (request) => {
  const url = new URL(request.url);
  if (url.pathname === '/graphql' && request.method === 'POST') {
    const { query } = await request.json();
    return Response.json({ data: query.includes('hello') ? { hello: 'world' } : null });
  }
  if (url.pathname === '/health') return new Response('ok');
  if (url.pathname === '/id' || url.pathname === '/') return Response.json({ id, initId, trace });
  return new Response('not found', { status: 404 });
};
yoga.graphqlEndpoint = '/graphql';

const hooks = snapshotHooks();
const fetchHandler = async (request) => (await hooks(request)) ?? yoga(request);

function serve({ fetch, port = 3000, hostname = '127.0.0.1' }) {
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.concat(chunks);
    const response = await fetch(new Request(`http://${hostname}:${port}${req.url}`, { method: req.method, headers: req.headers, body }));
    res.writeHead(response.status, [...response.headers].flat());
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  server.listen(port, hostname);
  return { hostname, port, server };
}

// Start the server and you're done!
const server = serve({ fetch: fetchHandler, port: Number(process.env.PORT ?? 3000) });
console.info(`Server is running on ${new URL(yoga.graphqlEndpoint, `http://${server.hostname}:${server.port}`)}`);
