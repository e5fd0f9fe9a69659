// Adapted from awslabs/aws-lambda-web-adapter examples/expressjs-zip/hello-world/app.js
// (commit 80674ac307a391133b1ab9588b87e6f0844d48dc): reads the adapter's context headers.
// CommonJS .js (no "type" here, the nearest package.json is the folder's own).
const express = require('express4')
const { registerBeforeSnapshot, registerAfterRestore } = require('snapshot-restore')
const { expressHooks } = require('snapshot-restore/http')
const app = express()
const port = process.env['PORT'] || 8080
const trace = []
const initId = Math.random().toString(36).slice(2)
let id = initId
registerBeforeSnapshot(function one() { trace.push('one') })
registerBeforeSnapshot(function two() { trace.push('two') })
registerBeforeSnapshot(function three() { trace.push('three') })
registerAfterRestore(function a() { trace.push('a') })
registerAfterRestore(async function b() { await null; id = Math.random().toString(36).slice(2); trace.push('b') })
registerAfterRestore(function c() { trace.push('c') })

app.use(expressHooks())
app.get('/', (req, res) => {
    let context = req.headers['x-amzn-request-context'] || null
    let requestContext = context != null? JSON.parse(context) : null
    let lambda = req.headers['x-amzn-lambda-context'] || null
    let lambdaContext = lambda != null? JSON.parse(lambda) : null
    res.send({ messagge: 'Hi there!', requestContext, lambdaContext })
})
app.get('/id', (req, res) => res.json({ id, initId, trace }))
app.listen(port, () => {
    console.log(`Example app listening at http://localhost:${port}`)
})
