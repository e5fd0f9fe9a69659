// The node:http stand-in outside a snapshot build (where every process started from the snapshot
// runs it): classes construct real instances, subclasses keep their own methods, functions are
// the real ones, and the shape of each module is read from the real module.
import http from 'node:http';
import https from 'node:https';
import { describe, expect, it } from 'vitest';
import { shapeOf } from '../../emulator/snapshot/builtins.js';
import { standInModule } from '../../emulator/snapshot/stand-in.js';

const standIn = (name: 'http' | 'https', real: Record<string, unknown>) => standInModule(name, () => real, shapeOf(real)) as Record<string, any>;

describe('the node:http stand-in, after the restore', () => {
  it('sorts the exports: data copied, classes and functions standing in, objects deferred', () => {
    const shape = shapeOf(http as unknown as Record<string, unknown>);
    expect(shape.classes).toEqual(expect.arrayContaining(['Agent', 'ClientRequest', 'IncomingMessage', 'Server', 'ServerResponse']));
    expect(shape.functions).toEqual(expect.arrayContaining(['request', 'get', 'createServer']));
    expect(shape.objects).toEqual(['globalAgent']);
    expect(shape.data.STATUS_CODES).toEqual(http.STATUS_CODES);
    expect(shape.data.METHODS).toEqual(http.METHODS);
  });

  it('constructs real agents, and instanceof holds both ways', () => {
    const module = standIn('https', https as unknown as Record<string, unknown>);
    const agent = new module.Agent({ keepAlive: true, maxSockets: 7 });
    expect(agent).toBeInstanceOf(https.Agent);
    expect(agent).toBeInstanceOf(module.Agent);
    expect(https.globalAgent).toBeInstanceOf(module.Agent);
    expect(agent.maxSockets).toBe(7);
    expect(agent.keepAlive).toBe(true);
    agent.destroy();
    expect(module.globalAgent).toBe(https.globalAgent);
  });

  it('lets a subclass extend a stand-in class and keep its own methods', () => {
    const module = standIn('http', http as unknown as Record<string, unknown>);
    const Agent = module.Agent as typeof http.Agent;
    class TracingAgent extends Agent {
      traced = true;
      name(): string {
        return 'tracing';
      }
    }
    const agent = new TracingAgent({ keepAlive: false });
    expect(agent).toBeInstanceOf(http.Agent);
    expect(agent).toBeInstanceOf(TracingAgent);
    expect(agent.name()).toBe('tracing');
    expect(agent.traced).toBe(true);
    expect(typeof (agent as unknown as { addRequest: unknown }).addRequest).toBe('function');
  });

  it('calls the real functions', async () => {
    const module = standIn('http', http as unknown as Record<string, unknown>);
    const server = module.createServer((_: unknown, response: http.ServerResponse) => response.end('real')) as http.Server;
    expect(server).toBeInstanceOf(http.Server);
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    try {
      const port = (server.address() as { port: number }).port;
      const body = await new Promise<string>((resolve, reject) => {
        module
          .get(`http://127.0.0.1:${port}/`, { agent: new module.Agent() }, (response: http.IncomingMessage) => {
            let text = '';
            response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
            response.on('end', () => resolve(text));
          })
          .on('error', reject);
      });
      expect(body).toBe('real');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
