// Inside the audited process: nothing init does may leave the machine. Every name resolves to
// 127.0.0.1 without a DNS query, and every outbound connection and datagram goes to the parent's
// local sink on 127.0.0.1 instead of where it was addressed (the address is recorded). The hooks
// sit at the lowest level JavaScript reaches: net.Socket.prototype.connect (what net, tls, http,
// https, http2, undici's fetch and WebSocket all end in) and dgram.Socket.prototype.connect/send.
import dgram from 'node:dgram';
import dns from 'node:dns';
import net from 'node:net';
import { X509Certificate } from 'node:crypto';
import tls from 'node:tls';
import { SINK_CERT } from './sink-identity.js';
import type { Collector, Skip } from './collector.js';

export const LOOPBACK = '127.0.0.1';
/**
 * Ports registered to protocols whose client speaks first and may hold a connection open idle,
 * reading, with nothing to say yet (an LDAP client before its first bind, an HTTP client that
 * pre-connects): a client of one of them that reads and is silent is not waiting for a greeting.
 */
const CLIENT_FIRST_PORTS = new Set([80, 389, 443, 636, 3268, 3269, 8080, 8443]);

interface Sink {
  tcp: number;
  udp: number;
  /** Starts the control datagrams that tell the sink a client waits for the server to speak first. */
  token?: string;
}

/** `host:port` (or the socket path) an option object addresses. */
function destination(options: { host?: unknown; port?: unknown; path?: unknown }): string {
  if (typeof options.path === 'string' && options.path !== '') return options.path;
  const host = typeof options.host === 'string' && options.host !== '' ? options.host : 'localhost';
  return `${host.includes(':') ? `[${host}]` : host}:${String(options.port ?? '')}`;
}

/** The connect arguments in every form Node accepts: (options[, cb]), (port[, host][, cb]), (path[, cb]), or net's own normalized array. */
function optionsOf(args: unknown[]): { options: Record<string, unknown>; rewrite: (options: Record<string, unknown>) => unknown[] } {
  const first = args[0];
  if (Array.isArray(first)) {
    // net.connect() passes [options, cb] tagged with a private symbol: keep the array, swap its options.
    return {
      options: (first[0] ?? {}) as Record<string, unknown>,
      rewrite: (options) => {
        first[0] = options;
        return args;
      },
    };
  }
  const callback = args.find((arg) => typeof arg === 'function');
  const withCallback = (options: Record<string, unknown>) => (callback ? [options, callback] : [options]);
  if (first !== null && typeof first === 'object') return { options: first as Record<string, unknown>, rewrite: withCallback };
  if (typeof first === 'string' && !/^\d+$/.test(first)) return { options: { path: first }, rewrite: withCallback };
  const host = typeof args[1] === 'string' ? args[1] : undefined;
  return { options: { port: first, ...(host ? { host } : {}) }, rewrite: withCallback };
}

export function installRedirect(collector: Collector, sink: Sink): void {
  const connect = net.Socket.prototype.connect;
  const send = dgram.Socket.prototype.send;
  let control: dgram.Socket | undefined;
  /**
   * A plain TCP client waits for the server to speak first (MySQL) when it reads (a 'data' or
   * 'readable' listener, or a pipe) and has still written nothing in the turn after it started
   * reading: the sink is told, by the client's local port, to greet it. Silence alone is no sign,
   * however long: a client may have work of its own before its first write (undici compiles its
   * HTTP parser the first time it connects, on a loaded machine for long), and a greeting it did
   * not wait for breaks it. A client listens before it writes only when it expects to be spoken
   * to, or has nothing to say yet: a destination port registered to a client-first protocol says
   * which.
   */
  const watchSilence = (socket: net.Socket, port: number) => {
    if (!sink.token || socket instanceof tls.TLSSocket || CLIENT_FIRST_PORTS.has(port)) return;
    let told = false;
    const reads = () => socket.listenerCount('data') + socket.listenerCount('readable') > 0 || socket.readableFlowing === true;
    const check = () => {
      if (told || socket.destroyed || socket.connecting || !reads()) return;
      collector.quiet(() =>
        setImmediate(() => {
          if (told || socket.destroyed || socket.bytesWritten > 0 || socket.localPort === undefined) return;
          told = true;
          collector.quiet(() => {
            if (!control) {
              control = dgram.createSocket('udp4').unref();
              control.on('error', () => {});
            }
            (send as (...a: unknown[]) => void).call(control, Buffer.from(`${sink.token} speak-first ${socket.localPort}`), sink.udp, LOOPBACK);
          });
        }),
      );
    };
    socket.once('connect', check);
    // A listener added after the connection is up (the event fires before the listener is added).
    socket.on('newListener', (event: string | symbol) => {
      if (event === 'data' || event === 'readable') process.nextTick(check);
    });
  };
  net.Socket.prototype.connect = function auditedConnect(this: net.Socket, ...args: unknown[]) {
    const { options, rewrite } = optionsOf(args);
    const to = destination(options);
    const kind = this instanceof tls.TLSSocket ? 'tls' : 'tcp';
    collector.hold('socket', kind, auditedConnect, to, () => !this.destroyed, {
      isClosing: () => !this.destroyed && (this.writableEnded || this.readableEnded),
      // Made when first asked for: a socket's 'close' comes once.
      closed: () => (this.destroyed ? Promise.resolve() : new Promise<void>((resolve) => this.once('close', () => resolve()))),
    });
    // Only the sink's address is left: no name to look up, no local address to bind to.
    const { path: _path, lookup: _lookup, localAddress: _localAddress, localPort: _localPort, ...rest } = options;
    const local = { ...rest, host: LOOPBACK, port: sink.tcp, family: 4 };
    watchSilence(this, Number(options.port));
    return (connect as (...a: unknown[]) => net.Socket).apply(this, rewrite(local));
  } as typeof connect;

  // Datagrams: the first connect() or send() of a socket is recorded; each goes to the UDP sink.
  const seen = new WeakSet<dgram.Socket>();
  const closed = new WeakSet<dgram.Socket>();
  const note = (socket: dgram.Socket, to: string, skip: Skip) => {
    if (seen.has(socket)) return;
    seen.add(socket);
    socket.once('close', () => closed.add(socket));
    collector.hold('datagram', 'udp', skip, to, () => !closed.has(socket));
  };
  const udpConnect = dgram.Socket.prototype.connect;
  dgram.Socket.prototype.connect = function auditedUdpConnect(this: dgram.Socket, port: number, ...rest: unknown[]) {
    const host = typeof rest[0] === 'string' ? rest[0] : 'localhost';
    note(this, `${host}:${port}`, auditedUdpConnect);
    const callback = rest.find((arg) => typeof arg === 'function');
    return (udpConnect as (...a: unknown[]) => void).apply(this, [sink.udp, LOOPBACK, ...(callback ? [callback] : [])]);
  } as typeof udpConnect;
  dgram.Socket.prototype.send = function auditedSend(this: dgram.Socket, ...args: unknown[]) {
    // send(msg, [offset, length,] port, address, cb), or send(msg[, cb]) on a connected socket.
    const offsetForm = typeof args[1] === 'number' && typeof args[2] === 'number' && args.length >= 4 && typeof args[3] !== 'function';
    const at = offsetForm ? 3 : 1;
    if (typeof args[at] === 'number' || typeof args[at] === 'string') {
      const host = typeof args[at + 1] === 'string' ? (args[at + 1] as string) : 'localhost';
      note(this, `${host}:${String(args[at])}`, auditedSend);
      args[at] = sink.udp;
      if (typeof args[at + 1] === 'string') args[at + 1] = LOOPBACK;
      else args.splice(at + 1, 0, LOOPBACK);
    }
    return (send as (...a: unknown[]) => void).apply(this, args);
  } as typeof send;

  installLocalNames();
  acceptSinkIdentity();
}

/**
 * TLS clients reach the sink's certificate (trusted through NODE_EXTRA_CA_CERTS) under whatever
 * name they asked for: its identity is accepted for any name, and only its.
 */
function acceptSinkIdentity(): void {
  const sink = new X509Certificate(SINK_CERT).fingerprint256;
  const check = tls.checkServerIdentity;
  tls.checkServerIdentity = function checkServerIdentity(hostname, cert) {
    return cert.fingerprint256 === sink ? undefined : check(hostname, cert);
  };
}

/** Every name is this machine: lookups answer 127.0.0.1 at once, and no DNS query is sent. */
function installLocalNames(): void {
  const answer = (options: unknown) => {
    const all = typeof options === 'object' && options !== null && (options as { all?: boolean }).all;
    return all ? [{ address: LOOPBACK, family: 4 }] : { address: LOOPBACK, family: 4 };
  };
  dns.lookup = function lookup(_hostname: string, options: unknown, callback?: unknown) {
    const done = (typeof options === 'function' ? options : callback) as (error: null, address: unknown, family?: number) => void;
    const found = answer(typeof options === 'function' ? undefined : options);
    process.nextTick(() => (Array.isArray(found) ? done(null, found) : done(null, found.address, found.family)));
    return {};
  } as unknown as typeof dns.lookup;
  dns.promises.lookup = (async (_hostname: string, options?: unknown) => answer(options)) as typeof dns.promises.lookup;
  dns.lookupService = ((_address: string, _port: number, callback: (error: null, host: string, service: string) => void) => {
    process.nextTick(() => callback(null, 'localhost', 'audit-sink'));
  }) as typeof dns.lookupService;
  dns.promises.lookupService = (async () => ({ hostname: 'localhost', service: 'audit-sink' })) as typeof dns.promises.lookupService;

  const records = (rrtype: string, hostname: string): unknown[] | undefined => {
    switch (rrtype) {
      case 'A':
      case 'ANY':
        return [LOOPBACK];
      case 'AAAA':
        return ['::1'];
      case 'SRV': {
        // mongodb+srv and friends: one target under the queried domain (drivers check that), here.
        const domain = hostname.replace(/^(?:_[^.]+\.){1,2}/, '');
        return [{ name: `audit-sink.${domain}`, port: 27017, priority: 0, weight: 0 }];
      }
      default:
        // No such record here (TXT, MX, ...): what a name without one answers.
        return undefined;
    }
  };
  const notFound = (hostname: string) => Object.assign(new Error(`queryA ENODATA ${hostname}`), { code: 'ENODATA', hostname });
  const methods: Record<string, string> = {
    resolve: '',
    resolve4: 'A',
    resolve6: 'AAAA',
    resolveAny: 'ANY',
    resolveCname: 'CNAME',
    resolveMx: 'MX',
    resolveNs: 'NS',
    resolveTxt: 'TXT',
    resolveSrv: 'SRV',
    resolvePtr: 'PTR',
    resolveNaptr: 'NAPTR',
    resolveCaa: 'CAA',
    reverse: 'PTR',
  };
  const callbackTargets = [dns, dns.Resolver.prototype] as unknown as Array<Record<string, unknown>>;
  const promiseTargets = [dns.promises, dns.promises.Resolver.prototype] as unknown as Array<Record<string, unknown>>;
  for (const [method, fixed] of Object.entries(methods)) {
    const lookup = (hostname: string, rest: unknown[]) => {
      const rrtype = fixed || (typeof rest[0] === 'string' ? rest[0] : 'A');
      const wantsTtl = typeof rest[0] === 'object' && rest[0] !== null && (rest[0] as { ttl?: boolean }).ttl;
      const found = records(rrtype, hostname);
      return found && wantsTtl && (rrtype === 'A' || rrtype === 'AAAA') ? found.map((address) => ({ address, ttl: 60 })) : found;
    };
    for (const target of callbackTargets) {
      target[method] = (hostname: string, ...rest: unknown[]) => {
        const callback = rest.pop() as (error: Error | null, found?: unknown) => void;
        const found = lookup(hostname, rest);
        process.nextTick(() => (found ? callback(null, found) : callback(notFound(hostname))));
      };
    }
    for (const target of promiseTargets) {
      target[method] = async (hostname: string, ...rest: unknown[]) => {
        const found = lookup(hostname, rest);
        if (!found) throw notFound(hostname);
        return found;
      };
    }
  }
}
