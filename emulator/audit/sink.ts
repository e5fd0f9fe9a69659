// The local sink, in the parent: where every connection and datagram of the audited process goes
// instead of its destination. TCP connections are accepted and held open without a byte in
// answer, so that a driver gets as far as it would before a server speaks (a TLS handshake
// waits for the server's hello); datagrams are received and dropped. Both listen on 127.0.0.1
// only, on ports the system picks.
import dgram from 'node:dgram';
import net from 'node:net';

export interface Sink {
  tcpPort: number;
  udpPort: number;
  /** Connections accepted so far. */
  readonly accepted: number;
  /** Datagrams received so far. */
  readonly datagrams: number;
  close(): Promise<void>;
}

export async function startSink(): Promise<Sink> {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    // Read and drop what the client sends, so that its writes complete.
    socket.resume();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const udp = dgram.createSocket('udp4');
  let datagrams = 0;
  udp.on('error', () => {});
  udp.on('message', () => datagrams++);
  await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
  return {
    tcpPort: (server.address() as net.AddressInfo).port,
    udpPort: udp.address().port,
    get accepted() {
      return accepted;
    },
    get datagrams() {
      return datagrams;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await Promise.all([new Promise((resolve) => server.close(resolve)), new Promise<void>((resolve) => udp.close(() => resolve()))]);
    },
  };
}
