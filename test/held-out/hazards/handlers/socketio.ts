// socket.io-client 4.8: io() connects unless autoConnect: false.
import { io, Manager } from 'socket.io-client';

export const socket = io(process.env.SOCKET_URL!); // expect: SR107 (build/esm-debug/manager.js constructor: this._autoConnect = opts.autoConnect !== false, then this.open(): the engine.io transport connects at init)
export const idle = io(process.env.SOCKET_URL!, { autoConnect: false }); // expect: none (manager.js: autoConnect false skips open(); socket.js only connects on connect())
export const manager = new Manager(process.env.SOCKET_URL!, { autoConnect: false }); // expect: none (the same option on a Manager)

export const handler = async (event: { room: string }) => {
  idle.connect(); // expect: none (in the handler)
  socket.emit('join', event.room);
  return { id: socket.id, connected: manager._readyState };
};
