// Koa 2 (CommonJS): the after-restore hook that fetches a secret rejects (secret store down).
// Expected: after-restore (LWA) / run (MicroVM) answers 500 with a HookError naming loadSecret;
// the hook registered before it ran first, the one after it did not get to run.
const Koa = require('koa2')
const { registerBeforeSnapshot, registerAfterRestore } = require('snapshot-restore')
const { koaHooks } = require('snapshot-restore/http')

const trace = []
registerBeforeSnapshot(function dropSecret() { trace.push('dropSecret') })
registerAfterRestore(function resetMetrics() { trace.push('resetMetrics') })
registerAfterRestore(async function loadSecret() {
  trace.push('loadSecret')
  await new Promise((r) => setTimeout(r, 20))
  throw new Error('SecretsManager: connect ETIMEDOUT')
})
registerAfterRestore(function announce() { trace.push('announce') })

const app = new Koa()
app.use(koaHooks())
app.use(async (ctx) => {
  if (ctx.path === '/health') ctx.body = 'ok'
  else if (ctx.path === '/id') ctx.body = { trace }
  else ctx.status = 404
})
app.listen(Number(process.env.PORT || 3000))
