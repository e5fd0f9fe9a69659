// One small app per framework (the real packages, pinned in devDependencies), each serving the
// hooks through its adapter from snapshot-restore/http, a plain route and a health route, on an
// ephemeral loopback port.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import Koa from 'koa';
import { expressHooks, fastifyHooks, honoHooks, koaHooks, nodeHooks, type SnapshotHooksOptions } from '../../runtime/http.js';

export const FRAMEWORKS = ['node-http', 'express', 'fastify', 'hono', 'koa'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

export interface RunningApp {
  url: string;
  close(): Promise<void>;
}

const HELLO = 'hello from the app';

export async function startApp(framework: Framework, options: SnapshotHooksOptions): Promise<RunningApp> {
  switch (framework) {
    case 'node-http': {
      const hooks = nodeHooks(options);
      const server = createServer(async (req, res) => {
        if (await hooks(req, res)) return;
        res.writeHead(req.url === '/' || req.url === '/hello' || req.url === '/health' ? 200 : 404, { 'content-type': 'text/plain' }).end(HELLO);
      });
      return listen(server);
    }
    case 'express': {
      const app = express();
      app.use(expressHooks(options));
      app.get(['/', '/hello', '/health'], (_req, res) => {
        res.type('text/plain').send(HELLO);
      });
      return listen(createServer(app));
    }
    case 'fastify': {
      const app = Fastify();
      app.addHook('onRequest', fastifyHooks(options));
      for (const path of ['/', '/hello', '/health']) app.get(path, async () => HELLO);
      await app.listen({ port: 0, host: '127.0.0.1' });
      return { url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, close: () => app.close() };
    }
    case 'hono': {
      const app = new Hono();
      app.use(honoHooks(options));
      for (const path of ['/', '/hello', '/health']) app.get(path, (c) => c.text(HELLO));
      return new Promise((resolve) => {
        const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
          resolve({ url: `http://127.0.0.1:${info.port}`, close: () => new Promise((done) => server.close(() => done())) });
        });
      });
    }
    case 'koa': {
      const app = new Koa();
      app.use(koaHooks(options));
      app.use(async (ctx) => {
        if (['/', '/hello', '/health'].includes(ctx.path)) ctx.body = HELLO;
      });
      return listen(createServer(app.callback()));
    }
  }
}

function listen(server: Server): Promise<RunningApp> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

export { HELLO };
