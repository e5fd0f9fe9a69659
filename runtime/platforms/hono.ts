// Hono (any runtime: it hands over a fetch Request): `app.use(honoHooks())` first. Under
// @hono/node-server the caller's address is read from the Node request it puts in c.env. Typed by shape.
import { snapshotHooks, type HookHandler, type SnapshotHooksOptions } from './handler.js';

export interface HonoContextLike {
  req: { raw: Request; path: string };
  env?: unknown;
}

export type HonoMiddleware = (c: HonoContextLike, next: () => Promise<void>) => Promise<Response | undefined>;

export function honoHooks(options: SnapshotHooksOptions | HookHandler = {}): HonoMiddleware {
  const handler = typeof options === 'function' ? options : snapshotHooks(options);
  return async (c, next) => {
    if (!handler.matches(c.req.path)) {
      await next();
      return undefined;
    }
    const response = await handler(c.req.raw, { remoteAddress: remoteAddressOf(c.env) });
    if (response) return response;
    await next();
    return undefined;
  };
}

function remoteAddressOf(env: unknown): string | undefined {
  const incoming = (env as { incoming?: { socket?: { remoteAddress?: unknown } } } | undefined)?.incoming;
  const address = incoming?.socket?.remoteAddress;
  return typeof address === 'string' ? address : undefined;
}
