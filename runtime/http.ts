// snapshot-restore/http: the hook registry served over HTTP, for the AWS platforms that snapshot a
// web app and deliver the lifecycle as requests: Lambda Web Adapter's SnapStart bridge and Lambda
// MicroVMs' lifecycle hooks. One fetch-standard handler, thin adapters for node:http, Express,
// Fastify, Hono and Koa, readiness gating and guards (docs/http-platforms.md).
export { snapshotHooks } from './platforms/handler.js';
export type { HookAnswer, HookCall, HookHandler, HookRequestInfo, SnapshotHooksOptions } from './platforms/handler.js';
export { isRestoring } from './platforms/readiness.js';
export { runPayload } from './platforms/phase-state.js';
export type { CallOutcome, HookTiming } from './platforms/phase-state.js';
export { nodeHooks } from './platforms/node-http.js';
export type { NodeHooks } from './platforms/node-http.js';
export { expressHooks } from './platforms/express.js';
export type { ExpressMiddleware } from './platforms/express.js';
export { fastifyHooks } from './platforms/fastify.js';
export type { FastifyOnRequest, FastifyReplyLike, FastifyRequestLike } from './platforms/fastify.js';
export { honoHooks } from './platforms/hono.js';
export type { HonoContextLike, HonoMiddleware } from './platforms/hono.js';
export { koaHooks } from './platforms/koa.js';
export type { KoaContextLike, KoaMiddleware } from './platforms/koa.js';
export { MICROVM_HOOK_PREFIX } from './platforms/microvm.js';
export { HookError } from './hooks/hook-error.js';
