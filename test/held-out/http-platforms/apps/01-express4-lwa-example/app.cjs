// Adapted from awslabs/aws-lambda-web-adapter examples/expressjs/app/src/index.js
// (commit 33cb059f176a4e9a39b10c6f351f0f406daa2b00): the stock Express example, plus SnapStart hooks
// served by expressHooks() per docs/http-platforms.md. Express 4, CommonJS, SIGTERM handler kept.
const { randomUUID } = require('node:crypto')
const express = require('express4')
const { registerBeforeSnapshot, registerAfterRestore } = require('snapshot-restore')
const { expressHooks } = require('snapshot-restore/http')

const app = express()
const port = process.env['PORT'] || 8080
const trace = []
const initId = randomUUID()
let id = initId

registerBeforeSnapshot(function flushLogs() { trace.push('flushLogs') })
registerBeforeSnapshot(async function closeCache() { await new Promise((r) => setTimeout(r, 20)); trace.push('closeCache') })
registerAfterRestore(function newId() { id = randomUUID(); trace.push('newId') })
registerAfterRestore(async function reopenCache() { await new Promise((r) => setImmediate(r)); trace.push('reopenCache') })

// SIGTERM Handler
process.on('SIGTERM', async () => {
    console.info('[express] SIGTERM received');
    console.info('[express] cleaning up');
    await new Promise(resolve => setTimeout(resolve, 100));
    console.info('[express] exiting');
    process.exit(0)
});

app.use(expressHooks())
app.get('/', (req, res) => {
    res.send('Hi there!')
})
app.get('/id', (req, res) => res.json({ id, initId, trace }))

app.listen(port, () => {
    console.log(`Example app listening at http://localhost:${port}`)
})
