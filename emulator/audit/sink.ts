// The local sink, in the parent: where every connection and datagram of the audited process goes
// instead of its destination. Each connection is told apart by what its client sends first
// (sink-protocols.ts): TLS is terminated with a throwaway certificate the audited process
// trusts, and then told apart again; HTTP gets a 200 with an empty JSON body (a WebSocket upgrade
// is accepted); PostgreSQL, Redis, MongoDB and MQTT get their handshake and empty answers. A
// client that speaks first in nothing known, or waits for the server to speak first, is held open
// without a byte in answer. The container credentials endpoint gets throwaway credentials the
// audit can recognise in what init keeps (SR108). Datagrams are received and dropped. Both listen on 127.0.0.1 only, on
// ports the system picks.
import { createHash, randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import http from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import { CREDENTIALS_PATH } from './protocol.js';
import { SINK_CERT, SINK_KEY } from './sink-identity.js';
import { answerMongo, answerMqtt, answerMysql, answerPostgres, answerRedis, sniff, type Protocol } from './sink-protocols.js';

export interface Sink {
  tcpPort: number;
  udpPort: number;
  /** Connections accepted so far. */
  readonly accepted: number;
  /** What the audited process starts its control datagrams with (`<token> speak-first <port>`). */
  token: string;
  /** Connections (and TLS sessions inside them) answered, by protocol. */
  readonly answered: Partial<Record<Protocol, number>>;
  /** Datagrams received so far. */
  readonly datagrams: number;
  /** The access key id of the throwaway credentials served at CREDENTIALS_PATH: found again in a value init keeps, they were kept. */
  accessKeyId: string;
  close(): Promise<void>;
}

export async function startSink(): Promise<Sink> {
  const sockets = new Set<Duplex>();
  let accepted = 0;
  const answered: Partial<Record<Protocol, number>> = {};
  const secureContext = tls.createSecureContext({ cert: SINK_CERT, key: SINK_KEY });
  // Shaped as AWS's, random, valid for no account: a value carrying the key id holds them.
  const accessKeyId = `ASIA${randomBytes(8).toString('hex').toUpperCase()}`;
  const credentials = () =>
    JSON.stringify({
      AccessKeyId: accessKeyId,
      SecretAccessKey: randomBytes(20).toString('base64'),
      Token: randomBytes(32).toString('base64'),
      Expiration: new Date(Date.now() + 6 * 3_600_000).toISOString(),
    });
  // Neither listens: connections are handed to them once sniffed.
  const web = http.createServer({ keepAlive: true }, (request, response) => {
    request.resume();
    request.on('end', () => {
      // Kept alive, as servers do, unless the client asks to close (then the server closes it after the answer).
      const close = /\bclose\b/i.test(String(request.headers.connection ?? ''));
      response.writeHead(200, { 'content-type': 'application/json', connection: close ? 'close' : 'keep-alive' });
      response.end(request.url === CREDENTIALS_PATH ? credentials() : '{}');
    });
  });
  web.keepAliveTimeout = 0;
  web.on('upgrade', (request: http.IncomingMessage, socket: Duplex) => {
    const key = request.headers['sec-websocket-key'];
    if (typeof key !== 'string') return socket.destroy();
    const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    // Then held open: frames the client sends are read and dropped.
    socket.on('error', () => {});
    socket.resume();
  });
  web.on('clientError', (_error, socket) => socket.destroy());
  const count = (protocol: Protocol) => (answered[protocol] = (answered[protocol] ?? 0) + 1);
  const secure = (socket: Duplex): void => {
    count('tls');
    const clear = new tls.TLSSocket(socket as net.Socket, { isServer: true, secureContext, ALPNProtocols: ['http/1.1'] });
    clear.on('error', () => {});
    sockets.add(clear);
    clear.on('close', () => sockets.delete(clear));
    clear.once('secure', () => answer(clear));
  };
  /** Waits for the client's first bytes and answers in its protocol. */
  const answer = (socket: Duplex): void => {
    socket.once('data', (first: Buffer) => {
      const protocol = sniff(first);
      if (protocol && protocol !== 'tls') count(protocol);
      switch (protocol) {
        case 'tls':
          socket.pause();
          socket.unshift(first);
          secure(socket);
          return;
        case 'http':
          socket.pause();
          socket.unshift(first);
          web.emit('connection', socket);
          socket.resume();
          return;
        case 'postgres':
          return answerPostgres(socket, first, (plain, rest) => {
            if (rest.length > 0) plain.unshift(rest);
            secure(plain);
          });
        case 'redis':
          return answerRedis(socket, first);
        case 'mongodb':
          return answerMongo(socket, first);
        case 'mqtt':
          return answerMqtt(socket, first);
        default:
          // Read and drop what the client sends, so that its writes complete.
          socket.resume();
      }
    });
  };
  // A client that wrote nothing in the turn after it connected waits for the server to speak
  // first: the audited process says so by a datagram naming its local port (redirect.ts), and the
  // sink greets it as MySQL, the server-first protocol drivers meet most at init.
  const token = randomBytes(12).toString('hex');
  const silent = new Map<number, net.Socket>();
  const speakFirst = new Set<number>();
  const greet = (socket: net.Socket) => {
    if (socket.destroyed || socket.bytesRead > 0) return;
    socket.removeAllListeners('data');
    count('mysql');
    answerMysql(socket);
  };
  const server = net.createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('error', () => {});
    const port = socket.remotePort ?? 0;
    silent.set(port, socket);
    socket.on('close', () => {
      sockets.delete(socket);
      if (silent.get(port) === socket) silent.delete(port);
    });
    socket.once('data', () => silent.delete(port));
    answer(socket);
    if (speakFirst.delete(port)) greet(socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const udp = dgram.createSocket('udp4');
  let datagrams = 0;
  udp.on('error', () => {});
  udp.on('message', (message) => {
    const control = new RegExp(`^${token} speak-first (\\d+)$`).exec(message.toString('latin1'));
    if (!control) {
      datagrams++;
      return;
    }
    const port = Number(control[1]);
    const socket = silent.get(port);
    if (socket) greet(socket);
    else speakFirst.add(port);
  });
  await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
  return {
    tcpPort: (server.address() as net.AddressInfo).port,
    udpPort: udp.address().port,
    token,
    accessKeyId,
    get accepted() {
      return accepted;
    },
    answered,
    get datagrams() {
      return datagrams;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      web.close();
      await Promise.all([new Promise((resolve) => server.close(resolve)), new Promise<void>((resolve) => udp.close(() => resolve()))]);
    },
  };
}
