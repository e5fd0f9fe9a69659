// Koa middleware: `app.use(koaHooks())` first. The hook answers through Node's response directly
// (ctx.respond = false), so Koa's body handling never touches it. Typed by shape.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HookHandler, SnapshotHooksOptions } from './handler.js';
import { answerNode, handlerOf, writeNode } from './node-http.js';

export interface KoaContextLike {
  req: IncomingMessage;
  res: ServerResponse;
  respond?: boolean;
}

export type KoaMiddleware = (ctx: KoaContextLike, next: () => Promise<unknown>) => Promise<unknown>;

export function koaHooks(options?: SnapshotHooksOptions | HookHandler): KoaMiddleware {
  const handler = handlerOf(options);
  return async (ctx, next) => {
    const answer = await answerNode(handler, ctx.req);
    if (!answer) return next();
    ctx.respond = false;
    writeNode(ctx.res, answer);
  };
}
