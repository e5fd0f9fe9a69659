// koa 3 under serverless-http 4, CommonJS.
const Koa = require('koa');
const serverless = require('serverless-http');

const app = new Koa(); // expect: none (koa lib/application.js: an Emitter with middleware; nothing listens)
const heartbeat = setInterval(() => app.emit('heartbeat'), 30_000); // expect: SR106 (an interval armed at init, never cleared: cloned into every restore)
app.use(async (ctx) => {
  ctx.body = { at: Date.now(), heartbeat: !!heartbeat }; // expect: none (per request)
});

module.exports.handler = serverless(app); // expect: none (serverless-http: app.callback() dispatched in memory)
