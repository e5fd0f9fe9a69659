// Express (and Connect-style) middleware: `app.use(expressHooks())` before the app's own routes.
// Typed by shape: no Express types needed.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HookHandler, SnapshotHooksOptions } from './handler.js';
import { handlerOf, serveNode } from './node-http.js';

export type ExpressMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

export function expressHooks(options?: SnapshotHooksOptions | HookHandler): ExpressMiddleware {
  const handler = handlerOf(options);
  return (req, res, next) => {
    serveNode(handler, req, res).then((answered) => {
      if (!answered) next();
    }, next);
  };
}
