// The preload of a plain process that `emulate --platform` starts (`node --import <this module>`):
// its first listen() on PORT takes the socket emulate kept bound for it, passed as a descriptor
// (listen-handoff.ts). It reads and removes the variable that names the descriptor, so a process
// the app forks (which inherits this preload) does not try to take it again.
import net from 'node:net';
import { onInheritedSocket } from './listen-handoff.js';
import { LISTEN_FD_ENV } from './protocol.js';

const fd = Number(process.env[LISTEN_FD_ENV]);
delete process.env[LISTEN_FD_ENV];
if (Number.isInteger(fd) && fd > 2) {
  const listen = net.Server.prototype.listen;
  net.Server.prototype.listen = function (this: net.Server, ...args: unknown[]) {
    const replayed = onInheritedSocket(args, Number(process.env.PORT), fd);
    if (replayed !== args) net.Server.prototype.listen = listen;
    return (listen as (...a: unknown[]) => net.Server).apply(this, replayed);
  } as typeof listen;
}
