// DESIGN.md "GET /restore/next with no timeout", on the runtime's side: the client parks on
// /restore/next across the snapshot (hours or days later in Lambda), so nothing on its side may
// end the wait. A node:http stand-in for the Runtime API (loopback, port 0, its own timeouts off)
// holds the call open; while it is held, the client's real socket is inspected: no idle timeout
// (`socket.timeout`, the only way a node:net socket times out) and no timer armed for the call
// (what a fetch/undici-style headers timeout or a hand-made deadline would be). Then the stand-in
// answers as Lambda does after a restore, and the after-restore hooks run.
import http from 'node:http';
import net from 'node:net';
import { afterEach, expect, it, vi } from 'vitest';
import { registerAfterRestore } from '../../runtime/index.js';
import { runLifecycle } from '../../runtime/lifecycle/lifecycle.js';
import { RuntimeApiClient } from '../../runtime/runtime-api/client.js';

const restores: Array<() => void> = [];
afterEach(() => {
  for (const restore of restores.splice(0).reverse()) restore();
});

function setEnv(values: Record<string, string>): void {
  for (const [name, value] of Object.entries(values)) {
    const before = process.env[name];
    process.env[name] = value;
    restores.push(() => (before === undefined ? delete process.env[name] : (process.env[name] = before)));
  }
}

const activeTimers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

it('the client parks on /restore/next with no socket timeout and no timer, then the after-restore hooks run', async () => {
  let parked!: (res: http.ServerResponse) => void;
  const parkedRestore = new Promise<http.ServerResponse>((resolve) => (parked = resolve));
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    if (req.url === '/2018-06-01/runtime/restore/next') return parked(res);
    if (req.method === 'POST') return res.writeHead(202).end('{"status":"OK"}');
    res.writeHead(404).end();
  });
  // The stand-in itself never ends the park: Node's server-side timeouts are off.
  server.requestTimeout = 0;
  server.headersTimeout = 0;
  server.keepAliveTimeout = 0;
  server.timeout = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  restores.push(() => server.close());
  const { port } = server.address() as net.AddressInfo;
  setEnv({ AWS_LAMBDA_INITIALIZATION_TYPE: 'snap-start', AWS_LAMBDA_RUNTIME_API: `127.0.0.1:${port}` });

  // Every socket the runtime's client opens (runtime/runtime-api/http.ts connects with net.connect).
  const sockets: net.Socket[] = [];
  const connect = net.connect;
  const spy = vi.spyOn(net, 'connect').mockImplementation(((...args: Parameters<typeof net.connect>) => {
    const socket = connect(...args);
    sockets.push(socket);
    return socket;
  }) as typeof net.connect);
  restores.push(() => spy.mockRestore());

  const ran: string[] = [];
  registerAfterRestore(function reconnect() {
    ran.push('reconnect');
  });
  const timersBefore = activeTimers();
  let settled = false;
  const lifecycle = runLifecycle(() => new RuntimeApiClient()).finally(() => (settled = true));

  const res = await parkedRestore;
  const restoreSocket = sockets.find((socket) => socket.localPort === res.socket?.remotePort);
  expect(restoreSocket, 'the parked /restore/next came on a socket the runtime client opened').toBeDefined();
  // Held open: no idle timeout on the socket, no timeout listener, no timer armed while parked.
  expect(restoreSocket?.timeout).toBeUndefined();
  expect(restoreSocket?.listenerCount('timeout')).toBe(0);
  expect(activeTimers()).toBe(timersBefore);
  // Let the loop run dry of everything already due: still parked, nothing closed, no hook yet.
  await new Promise<void>((resolve) => setImmediate(resolve));
  expect(settled).toBe(false);
  expect(restoreSocket?.destroyed).toBe(false);
  expect(ran).toEqual([]);

  // Lambda's answer after the restore: 200, empty body.
  res.writeHead(200, { 'Content-Length': '0' }).end();
  await lifecycle;
  expect(ran).toEqual(['reconnect']);
  expect(seen).toEqual(['GET /2018-06-01/runtime/restore/next']);
});
