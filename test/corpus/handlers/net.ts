// node:net and node:tls: connect() is a socket.
import net from 'node:net';
import tls from 'node:tls';

export const socket = net.connect(6379, 'cache'); // expect: SR107 (lib/net.js connect(): new Socket + socket.connect)
export const secure = tls.connect({ host: 'api.example.com', port: 443 }); // expect: SR107 (lib/_tls_wrap.js connect(): a TLSSocket connecting at once)
export const server = net.createServer(); // expect: none (a server that is not listening holds no socket)

export const handler = async () => socket.remoteAddress;
