// Adapted from awslabs/aws-lambda-web-adapter examples/sqs-expressjs/app/src/index.js
// (commit 1e8dee7f444cdeff73c5b0d29739ec5f231d572b): body-parser json on every route; the hook
// middleware goes first (docs: "first"), so the adapter's empty POSTs never meet body-parser.
const express = require('express4')
const bodyParser = require('body-parser')
const crypto = require('node:crypto')
const { registerBeforeSnapshot, registerAfterRestore } = require('snapshot-restore')
const { expressHooks } = require('snapshot-restore/http')

const app = express()
const port = process.env['PORT'] || 8080
const trace = []
const initId = crypto.randomBytes(8).toString('hex')
let id = initId
let processed = 0

registerBeforeSnapshot(() => { trace.push('anonBefore') })
registerAfterRestore(function workerId() { id = crypto.randomBytes(8).toString('hex'); trace.push('workerId') })

app.use(expressHooks())
// setup bodyParser to parse application/json
app.use(bodyParser.json())

app.post('/events', (req, res) => {
    console.log(`Received event: ${JSON.stringify(req.body)}`)
    req.body.Records.forEach((record) => {
        processed++
        console.log(`processing message: ${record.messageId} with body: ${record.body}`)
    })
    res.json('success')
})
app.get('/health', (req, res) => res.send('ok'))
app.get('/', (req, res) => res.json({ id, initId, trace, processed }))
app.get('/id', (req, res) => res.json({ id, initId, trace, processed }))

app.listen(port, () => {
    console.log(`Example app listening at http://localhost:${port}`)
})
