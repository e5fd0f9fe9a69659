// node:http: the hook handler for a server's (req, res). Express, Fastify and Koa hand over the same
// Node objects, so their adapters are this plus a line. Requests that are not hook requests cost a
// string comparison, and hook requests are answered without building fetch Requests or Responses.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HookAnswer } from './guards.js';
import { snapshotHooks, type HookHandler, type SnapshotHooksOptions } from './handler.js';
import { RUN_PAYLOAD_LIMIT_BYTES } from './microvm.js';

export type NodeHooks = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** `if (await hooks(req, res)) return;` at the top of a node:http request listener: true when the hook answered. */
export function nodeHooks(options: SnapshotHooksOptions | HookHandler = {}): NodeHooks {
  const handler = handlerOf(options);
  return (req, res) => serveNode(handler, req, res);
}

export function handlerOf(options: SnapshotHooksOptions | HookHandler | undefined): HookHandler {
  return typeof options === 'function' ? options : snapshotHooks(options);
}

export function pathnameOf(url: string | undefined): string {
  const path = url ?? '/';
  const query = path.indexOf('?');
  return query === -1 ? path : path.slice(0, query);
}

/** Answers `req` when it is a hook request (or the readiness check while restoring): true if it did. */
export async function serveNode(handler: HookHandler, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const answer = await answerNode(handler, req);
  if (!answer) return false;
  writeNode(res, answer);
  return true;
}

/** The handler's answer for a Node request, or undefined (not a hook request: the app serves it). */
export function answerNode(handler: HookHandler, req: IncomingMessage): Promise<HookAnswer | undefined> | undefined {
  const pathname = pathnameOf(req.url);
  if (!handler.matches(pathname)) return undefined;
  return handler.answer({ method: req.method ?? 'GET', pathname, body: () => readBody(req), remoteAddress: req.socket?.remoteAddress });
}

/** The body, up to a little over what any platform sends (the rest is read and dropped, so that an answer can still be sent). */
async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    if (size <= RUN_PAYLOAD_LIMIT_BYTES) chunks.push(chunk);
    size += chunk.length;
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function writeNode(res: ServerResponse, answer: HookAnswer): void {
  res.writeHead(answer.status, { ...answer.headers, 'content-length': String(Buffer.byteLength(answer.body)) });
  res.end(answer.body);
}
