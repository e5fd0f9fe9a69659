// requestsInFlight() counts the requests in flight from the public process.getActiveResourcesInfo():
// checked against Node's own count of them (process._getActiveRequests(), the API it replaces), at
// every turn of the event loop while requests of each kind run beside handles of each kind.
import dgram from 'node:dgram';
import dns from 'node:dns';
import fs from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { requestsInFlight } from '../../emulator/snapshot/open-handles.js';

const file = fileURLToPath(import.meta.url);
const nodeCount = () => (process as unknown as { _getActiveRequests: () => unknown[] })._getActiveRequests().length;

describe('requestsInFlight', () => {
  it('counts what Node counts as requests, beside servers, sockets, UDP, watchers, timers and immediates', async () => {
    // Handles, which never count.
    const peers: net.Socket[] = [];
    const server = net.createServer((socket) => peers.push(socket.pause()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    const udp = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
    const watcher = fs.watch(file);
    const onStat = () => {};
    fs.watchFile(file, { interval: 60_000 }, onStat);
    const timer = setInterval(() => {}, 60_000);
    const immediate = setImmediate(() => {});

    const samples: Array<[number, number]> = [];
    const sample = () => samples.push([requestsInFlight(), nodeCount()]);
    // Requests of each kind: file system (callback and promise), dns both ways, a connect, a write
    // the peer does not read (it stays in flight), a shutdown, a UDP send, a FileHandle's close.
    const done: Array<Promise<unknown>> = [];
    done.push(new Promise((resolve) => fs.readFile(file, resolve)));
    done.push(fs.promises.readFile(file));
    done.push(new Promise((resolve) => dns.lookup('localhost', resolve)));
    done.push(new Promise((resolve) => dns.lookupService('127.0.0.1', port, resolve)));
    const socket = net.connect(port, '127.0.0.1');
    done.push(
      new Promise((resolve) =>
        socket.on('connect', () => {
          sample();
          socket.write(Buffer.alloc(64 * 1024 * 1024), resolve);
          sample();
          socket.end();
          sample();
          setImmediate(() => {
            sample();
            for (const peer of peers) peer.resume();
          });
        }),
      ),
    );
    done.push(new Promise((resolve) => udp.send('x', port, '127.0.0.1', resolve)));
    done.push(fs.promises.open(file).then((handle) => handle.close()));
    sample();
    let settled = false;
    void Promise.all(done).then(() => (settled = true));
    while (!settled) {
      await new Promise((resolve) => setImmediate(resolve));
      sample();
    }

    clearImmediate(immediate);
    clearInterval(timer);
    fs.unwatchFile(file, onStat);
    watcher.close();
    udp.close();
    socket.destroy();
    for (const peer of peers) peer.destroy();
    server.close();

    for (const [ours, node] of samples) expect(ours).toBe(node);
    expect(Math.max(...samples.map(([ours]) => ours))).toBeGreaterThan(2);
    expect(process.getActiveResourcesInfo().length).toBeGreaterThan(requestsInFlight());
  });
});
