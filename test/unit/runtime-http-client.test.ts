// The runtime's minimal HTTP/1.1 client against real servers: node:http for the usual
// framings, and raw node:net servers for the replies node:http would never send.
import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HttpConnection } from '../../runtime/runtime-api/http.js';
import { RuntimeApiClient } from '../../runtime/runtime-api/client.js';

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

async function listen(server: http.Server | net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => server.close());
  return (server.address() as net.AddressInfo).port;
}

function client(port: number): HttpConnection {
  const connection = new HttpConnection('127.0.0.1', port);
  closers.push(() => connection.close());
  return connection;
}

describe('HttpConnection', () => {
  it('sends method, path, headers and body, and reads a Content-Length reply', async () => {
    const seen: unknown[] = [];
    const port = await listen(
      http.createServer((req, res) => {
        let body = '';
        req.on('data', (chunk) => (body += chunk));
        req.on('end', () => {
          seen.push({ method: req.method, url: req.url, type: req.headers['x-type'], body });
          res.writeHead(202, { 'Lambda-Runtime-Aws-Request-Id': 'abc' }).end('{"ok":true}');
        });
      }),
    );
    const response = await client(port).request('POST', '/p?q=1', { 'X-Type': 'json' }, '{"a":"é"}');
    expect(response).toEqual({ status: 202, headers: expect.objectContaining({ 'lambda-runtime-aws-request-id': 'abc' }), body: '{"ok":true}' });
    expect(seen).toEqual([{ method: 'POST', url: '/p?q=1', type: 'json', body: '{"a":"é"}' }]);
  });

  it('reads chunked replies and keeps one connection for many requests', async () => {
    const sockets = new Set<net.Socket>();
    const server = http.createServer((req, res) => {
      sockets.add(req.socket);
      // The end goes out only once the first chunk has been written: two separate chunks.
      res.write('x'.repeat(5000), () => res.end('-end'));
    });
    const port = await listen(server);
    const connection = client(port);
    for (let i = 0; i < 3; i++) {
      const response = await connection.request('GET', '/', {});
      expect(response.body).toBe(`${'x'.repeat(5000)}-end`);
      expect(response.headers['transfer-encoding']).toBe('chunked');
    }
    expect(sockets.size).toBe(1);
  });

  it('reads a large body that arrives in many packets', async () => {
    const big = 'y'.repeat(6 * 1024 * 1024);
    const port = await listen(http.createServer((_req, res) => res.end(big)));
    const response = await client(port).request('GET', '/', {});
    expect(response.body.length).toBe(big.length);
  });

  it('reads a body without length up to the end of the connection, then reconnects', async () => {
    let connections = 0;
    const port = await listen(
      net.createServer((socket) => {
        connections++;
        socket.once('data', () => socket.end('HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end'));
      }),
    );
    const connection = client(port);
    expect((await connection.request('GET', '/', {})).body).toBe('until the end');
    expect((await connection.request('GET', '/', {})).body).toBe('until the end');
    expect(connections).toBe(2);
  });

  it('opens a new connection after the server closed an idle one', async () => {
    let connections = 0;
    const server = http.createServer((req, res) => {
      res.end('fine');
      res.on('finish', () => req.socket.end());
    });
    server.on('connection', () => connections++);
    const port = await listen(server);
    const connection = client(port);
    expect((await connection.request('GET', '/', {})).body).toBe('fine');
    // The client has seen the server's end of the idle connection (it drops the socket then).
    await vi.waitFor(() => expect(Reflect.get(connection, 'socket')).toBeUndefined());
    expect((await connection.request('GET', '/', {})).body).toBe('fine');
    expect(connections).toBe(2);
  });

  it('rejects when the connection closes mid-response, or cannot be made', async () => {
    const port = await listen(net.createServer((socket) => socket.once('data', () => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort'))));
    await expect(client(port).request('GET', '/', {})).rejects.toThrow('the connection closed before the response was complete');
    const closed = net.createServer();
    const unused = await listen(closed);
    closers.pop();
    await new Promise((resolve) => closed.close(resolve));
    await expect(client(unused).request('GET', '/', {})).rejects.toThrow(/ECONNREFUSED/);
  });

  it('rejects a reply that is not HTTP', async () => {
    const port = await listen(net.createServer((socket) => socket.once('data', () => socket.write('SSH-2.0-OpenSSH\r\n\r\n'))));
    await expect(client(port).request('GET', '/', {})).rejects.toThrow('not an HTTP response: SSH-2.0-OpenSSH');
  });

  it('answers requests one after another, in order', async () => {
    let n = 0;
    const port = await listen(http.createServer((_req, res) => setImmediate(() => res.end(String(++n)))));
    const connection = client(port);
    const bodies = await Promise.all([1, 2, 3].map(() => connection.request('GET', '/', {}).then((r) => r.body)));
    expect(bodies).toEqual(['1', '2', '3']);
  });
});

describe('HttpConnection over IPv6', () => {
  it('connects to a bracket-free IPv6 host and sends a bracketed Host header', async () => {
    let host = '';
    const server = http.createServer((req, res) => {
      host = req.headers.host ?? '';
      res.end('v6');
    });
    await new Promise<void>((resolve) => server.listen(0, '::1', resolve));
    closers.push(() => server.close());
    const port = (server.address() as net.AddressInfo).port;
    const connection = new HttpConnection('::1', port);
    closers.push(() => connection.close());
    expect((await connection.request('GET', '/', {})).body).toBe('v6');
    expect(host).toBe(`[::1]:${port}`);
  });

  it('is what RuntimeApiClient uses for an AWS_LAMBDA_RUNTIME_API of [::1]:port', async () => {
    const server = http.createServer((req, res) => res.writeHead(200, { 'Lambda-Runtime-Aws-Request-Id': 'r1' }).end(`{"path":"${req.url}"}`));
    await new Promise<void>((resolve) => server.listen(0, '::1', resolve));
    closers.push(() => server.close());
    const client = new RuntimeApiClient(`[::1]:${(server.address() as net.AddressInfo).port}`);
    closers.push(() => client.resetConnections());
    const invocation = await client.nextInvocation();
    expect(invocation.requestId).toBe('r1');
    expect(JSON.parse(invocation.body)).toEqual({ path: '/2018-06-01/runtime/invocation/next' });
  });
});
