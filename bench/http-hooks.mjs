// http_hook_overhead_ms: the latency a lifecycle hook request adds over a plain route, both on
// loopback with keep-alive, side by side in alternating rounds: a MicroVM `validate` answered by
// snapshot-restore/http's nodeHooks() (the guard, the call's bookkeeping, the JSON answer; it runs
// no hook, so this is the layer's own cost) minus GET /hello on a server without the layer. The note
// also gives what the layer costs the app's own requests (GET /hello with it minus without).
import { Agent, createServer, request } from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function listen(handler) {
  const server = createServer(handler);
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

function roundTrip(agent, port, method, path) {
  return new Promise((done, fail) => {
    const started = performance.now();
    const req = request({ agent, host: '127.0.0.1', port, method, path }, (res) => {
      res.resume();
      res.on('end', () => done(performance.now() - started));
    });
    req.on('error', fail);
    req.end();
  });
}

async function meanMs(agent, port, method, path, count) {
  let total = 0;
  for (let i = 0; i < count; i++) total += await roundTrip(agent, port, method, path);
  return total / count;
}

export async function httpHookOverheadMs({ rounds = 15, count = 200 } = {}) {
  const { nodeHooks } = await import(pathToFileURL(resolve(root, 'runtime/dist/esm/http.js')).href);
  const hooks = nodeHooks({ platform: 'microvm', readinessPath: false, env: {} });
  const hello = (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('hello');
  const withHooks = await listen(async (req, res) => {
    if (await hooks(req, res)) return;
    hello(req, res);
  });
  const plain = await listen(hello);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const portOf = (server) => server.address().port;
  // The image's ready, once, so that validate answers 200 from then on.
  await roundTrip(agent, portOf(withHooks), 'POST', '/aws/lambda-microvms/runtime/v1/ready');
  const hook = [];
  const routeWith = [];
  const routeWithout = [];
  for (let round = 0; round < rounds; round++) {
    routeWithout.push(await meanMs(agent, portOf(plain), 'GET', '/hello', count));
    hook.push(await meanMs(agent, portOf(withHooks), 'POST', '/aws/lambda-microvms/runtime/v1/validate', count));
    routeWith.push(await meanMs(agent, portOf(withHooks), 'GET', '/hello', count));
  }
  agent.destroy();
  await Promise.all([withHooks, plain].map((server) => new Promise((done) => server.close(done))));
  return { hook: median(hook), plain: median(routeWithout), routeWith: median(routeWith) };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await httpHookOverheadMs();
  console.log(
    `http_hook_overhead_ms ${(result.hook - result.plain).toFixed(3)} (hook request ${result.hook.toFixed(3)} ms, plain route ${result.plain.toFixed(3)} ms; the app's own route behind the layer ${result.routeWith.toFixed(3)} ms)`,
  );
}
