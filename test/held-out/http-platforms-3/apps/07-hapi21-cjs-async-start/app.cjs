// @hapi/hapi 21, CommonJS, exactly in the shape of hapi's getting-started: `const init = async () =>
// { const server = Hapi.server({ port, host }); server.route(...); await server.start(); }; init();`
// plus the unhandledRejection handler. hapi has no adapter of its own: the node:http adapter runs in
// hapi's onRequest extension on the raw request (`request.raw.req/res`), and a hook request is taken
// over with `h.abandon`. Docs: hapi's listener is node:http's createServer, deferred in the build,
// and init is over when nothing is pending but the server's `listening` (init awaits
// server.start()): a REAL snapshot on Node 20 and 22.
// Hooks: before (stopCachePolicy), after (startCachePolicy, newId).
'use strict';
const { randomUUID } = require('node:crypto');
const Hapi = require('@hapi/hapi');
const { registerAfterRestore, registerBeforeSnapshot } = require('snapshot-restore');
const { nodeHooks, runPayload } = require('snapshot-restore/http');

const trace = [];
const initId = randomUUID();
let id = initId;
let restoredBy = null;
let tenant = null;
const policy = { active: true };

registerBeforeSnapshot(function stopCachePolicy() { policy.active = false; trace.push('stopCachePolicy'); });
registerAfterRestore(function startCachePolicy() { policy.active = true; trace.push('startCachePolicy'); });
registerAfterRestore(function newId() {
  id = randomUUID();
  const p = runPayload();
  if (p) tenant = JSON.parse(p).tenant ?? null;
  restoredBy = 'newId';
  trace.push('newId');
});

const hooks = nodeHooks();
const state = () => ({ id, initId, restoredBy, tenant, policyActive: policy.active, trace });

const init = async () => {
  const server = Hapi.server({ port: Number(process.env.PORT ?? 3000), host: '0.0.0.0' });
  server.ext('onRequest', async (request, h) => {
    if (await hooks(request.raw.req, request.raw.res)) return h.abandon;
    return h.continue;
  });
  server.route({ method: 'GET', path: '/', handler: () => state() });
  server.route({ method: 'GET', path: '/id', handler: () => state() });
  server.route({ method: 'GET', path: '/health', handler: () => 'ok' });
  server.route({ method: 'GET', path: '/hello/{name}', handler: (request) => `Hello ${request.params.name}!` });
  await server.start();
  console.log('Server running on %s', server.info.uri);
};

process.on('unhandledRejection', (err) => {
  console.log(err);
  process.exit(1);
});

init();
