// node:http: the hook handler for a server's (req, res). Express, Fastify and Koa hand over the same
// Node objects, so their adapters are this plus a line. Requests that are not hook requests cost a
// string comparison: no Request is built for them.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { snapshotHooks, type HookHandler, type SnapshotHooksOptions } from './handler.js';
import { RUN_PAYLOAD_LIMIT_BYTES } from './microvm.js';

export type NodeHooks = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** `if (await hooks(req, res)) return;` at the top of a node:http request listener: true when the hook answered. */
export function nodeHooks(options: SnapshotHooksOptions | HookHandler = {}): NodeHooks {
  const handler = typeof options === 'function' ? options : snapshotHooks(options);
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
  const response = await answerNode(handler, req);
  if (!response) return false;
  await writeNode(res, response);
  return true;
}

/** The handler's answer for a Node request, or undefined (not a hook request: the app serves it). */
export async function answerNode(handler: HookHandler, req: IncomingMessage): Promise<Response | undefined> {
  if (!handler.matches(pathnameOf(req.url))) return undefined;
  return handler(await toRequest(req), { remoteAddress: req.socket?.remoteAddress });
}

async function toRequest(req: IncomingMessage): Promise<Request> {
  const method = req.method ?? 'GET';
  const url = `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`;
  const headers: Record<string, string> = {};
  if (typeof req.headers['content-type'] === 'string') headers['content-type'] = req.headers['content-type'];
  if (method === 'GET' || method === 'HEAD') return new Request(url, { method, headers });
  return new Request(url, { method, headers, body: await readBody(req) });
}

/** The body, up to a little over what any platform sends (the rest is read and dropped, so that an answer can still be sent). */
async function readBody(req: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    if (size <= RUN_PAYLOAD_LIMIT_BYTES) chunks.push(chunk);
    size += chunk.length;
  }
  return Buffer.concat(chunks);
}

export async function writeNode(res: ServerResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  headers['content-length'] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(body);
}
