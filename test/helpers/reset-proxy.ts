// A TCP proxy on loopback that plays a snapshot's restore for the connections through it: after
// `restore()`, every connection opened before answers the first bytes it is sent with a reset (as
// a restored microVM's peer, which has long forgotten the connection, would); new ones pass through.
import net from 'node:net';

export interface ResetProxy {
  port: number;
  /** Marks every open connection as one from before the snapshot. */
  restore(): void;
  /** Connections reset since the start. */
  resets(): number;
  close(): Promise<void>;
}

export async function startResetProxy(targetPort: number): Promise<ResetProxy> {
  const open = new Set<{ client: net.Socket; stale: boolean }>();
  let resets = 0;
  const server = net.createServer((client) => {
    const entry = { client, stale: false };
    open.add(entry);
    const upstream = net.connect(targetPort, '127.0.0.1');
    client.on('data', (data) => {
      if (!entry.stale) {
        upstream.write(data);
        return;
      }
      resets++;
      upstream.destroy();
      client.resetAndDestroy();
    });
    upstream.on('data', (data) => {
      if (!entry.stale) client.write(data);
    });
    const drop = () => {
      open.delete(entry);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', drop).on('error', drop);
    upstream.on('close', drop).on('error', drop);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return {
    port: (server.address() as net.AddressInfo).port,
    restore: () => {
      for (const entry of open) entry.stale = true;
    },
    resets: () => resets,
    close: () =>
      new Promise((closed) => {
        for (const entry of open) entry.client.destroy();
        server.close(() => closed());
      }),
  };
}

/** A keep-alive HTTP server on loopback that answers every request with `ok`. */
export async function startOkServer(): Promise<{ port: number; close(): Promise<void> }> {
  const http = await import('node:http');
  const server = http.createServer({ keepAliveTimeout: 60_000 }, (_request, response) => response.end('ok'));
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise((closed) => {
        server.closeAllConnections();
        server.close(() => closed());
      }),
  };
}
