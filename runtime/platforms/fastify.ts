// Fastify: `app.addHook('onRequest', fastifyHooks())`. onRequest runs before the body is parsed
// (the run payload is read raw, whatever its content type) and also for paths with no route. A
// hook request is answered on Node's response after reply.hijack(). Typed by shape.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HookHandler, SnapshotHooksOptions } from './handler.js';
import { answerNode, handlerOf, writeNode } from './node-http.js';

export interface FastifyRequestLike {
  raw: IncomingMessage;
}

export interface FastifyReplyLike {
  raw: ServerResponse;
  hijack(): unknown;
}

export type FastifyOnRequest = (request: FastifyRequestLike, reply: FastifyReplyLike) => Promise<void>;

export function fastifyHooks(options?: SnapshotHooksOptions | HookHandler): FastifyOnRequest {
  const handler = handlerOf(options);
  return async (request, reply) => {
    const answer = await answerNode(handler, request.raw);
    if (!answer) return;
    reply.hijack();
    writeNode(reply.raw, answer);
  };
}
