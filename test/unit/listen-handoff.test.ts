// Which replayed listen() calls take the socket emulate kept bound (listen-handoff.ts): every
// form listen() takes its port in, with and without a host and a callback, on the port given and
// on another.
import { describe, expect, it } from 'vitest';
import { onInheritedSocket } from '../../emulator/snapshot/listen-handoff.js';

const GIVEN = 41234;
const FD = 4;
const callback = () => {};

describe('onInheritedSocket', () => {
  for (const port of [GIVEN, GIVEN + 1, 0]) {
    const taken = port === GIVEN;
    const forms: unknown[][] = [
      [port],
      [String(port)],
      [port, '127.0.0.1'],
      [port, '0.0.0.0', 511, callback],
      [port, callback],
      [{ port, host: '127.0.0.1', backlog: 10 }],
      [{ port: String(port), exclusive: true }, callback],
    ];
    for (const args of forms) {
      it(`${JSON.stringify(args)} ${taken ? 'takes the inherited socket' : 'is replayed as it was'}`, () => {
        const replayed = onInheritedSocket(args, GIVEN, FD);
        if (!taken) return expect(replayed).toBe(args);
        const [first, ...rest] = replayed as [Record<string, unknown>, ...unknown[]];
        expect(first.fd).toBe(FD);
        // Where to bind is the inherited socket's; the other settings and the callback stay.
        expect(first).not.toHaveProperty('port');
        expect(first).not.toHaveProperty('host');
        const options = typeof args[0] === 'object' ? (args[0] as Record<string, unknown>) : {};
        for (const key of ['backlog', 'exclusive']) if (key in options) expect(first[key]).toBe(options[key]);
        expect(rest).toEqual(args.filter((arg) => typeof arg === 'function'));
      });
    }
  }
  it('a pipe path is replayed as it was', () => {
    const args = ['/tmp/app.sock', callback];
    expect(onInheritedSocket(args, GIVEN, FD)).toBe(args);
  });
});
