// `emulate --platform` gives the app a port (PORT). Choosing a free port, closing it and letting
// the app bind it later is a race: another process may take it in between, and the app then fails
// with EADDRINUSE (or, worse, the platform's calls reach the other process). So emulate keeps the
// port bound from its choice on, and the process started from the snapshot inherits that listening
// socket: the listen() init made on the port it was given is replayed on the inherited socket. A
// plain process (no snapshot) inherits it too, and a preload (handOffPreload) makes its first
// listen() on that port take it.

/**
 * The listen() arguments to replay: a listen on `port` (a number, a numeric string, or options with
 * that port) becomes a listen on the inherited socket `fd`, keeping its callback and, for options,
 * the settings that are not where to bind. Any other listen is replayed as it was.
 */
export function onInheritedSocket(args: unknown[], port: number, fd: number): unknown[] {
  const [first] = args;
  const callbacks = args.filter((arg) => typeof arg === 'function');
  if ((typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) && Number(first) === port) return [{ fd }, ...callbacks];
  if (typeof first === 'object' && first !== null && !Array.isArray(first)) {
    const { port: asked, host: _host, path: _path, ...rest } = first as Record<string, unknown>;
    if (asked !== undefined && Number(asked) === port) return [{ ...rest, fd }, ...callbacks];
  }
  return args;
}

/**
 * A CommonJS preload (`node --require <file> app.mjs`) for a plain process: its first listen() on
 * PORT takes the inherited socket. It reads and removes the variable that names the descriptor, so
 * a process the app forks does not try to take it again.
 */
export function handOffPreload(fdEnv: string): string {
  return `'use strict';
const fd = Number(process.env[${JSON.stringify(fdEnv)}]);
delete process.env[${JSON.stringify(fdEnv)}];
if (Number.isInteger(fd) && fd > 2) {
  const net = require('node:net');
  const listen = net.Server.prototype.listen;
  const onInheritedSocket = ${onInheritedSocket.toString()};
  net.Server.prototype.listen = function (...args) {
    const replayed = onInheritedSocket(args, Number(process.env.PORT), fd);
    if (replayed !== args) net.Server.prototype.listen = listen;
    return listen.apply(this, replayed);
  };
}
`;
}
