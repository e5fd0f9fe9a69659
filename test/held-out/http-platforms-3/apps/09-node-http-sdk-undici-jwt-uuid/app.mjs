// Plain node:http with what services load and construct at init: an AWS SDK v3 DynamoDBClient
// (constructed, never called), an npm undici Agent (constructed, never used), jsonwebtoken signing a
// service token, uuid v4 ids. Docs: constructing an SDK client or an agent at init is fine (stand-ins
// until first use), only a real request at init forces plain: a REAL snapshot on Node 20 and 22.
// `if (await hooks(req, res)) return;` at the top of the request listener (docs' node:http form).
// Hooks: before (destroyClients), after (newClients, newToken). `/` answers the id and the token's
// subject, which the after-restore hook re-signs with the new id.
import http from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import jwt from 'jsonwebtoken';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { nodeHooks, runPayload } from 'snapshot-restore/http';
import { Agent } from 'undici';
import { v4 as uuidv4 } from 'uuid';

const SIGNING_KEY = 'local-signing-key-for-tests';
const makeClients = () => ({
  ddb: new DynamoDBClient({ region: process.env.AWS_REGION ?? 'us-east-1', maxAttempts: 2 }),
  agent: new Agent({ keepAliveTimeout: 10_000, connections: 8 }),
});
let clients = makeClients();
const trace = [];
const initId = uuidv4();
let id = initId;
let token = jwt.sign({ sub: id }, SIGNING_KEY, { expiresIn: '1h' });
let restoredBy = null;
let tenant = null;

registerBeforeSnapshot(async function destroyClients() {
  clients.ddb.destroy();
  await clients.agent.close();
  clients = null;
  trace.push('destroyClients');
});
registerAfterRestore(function newClients() { clients = makeClients(); trace.push('newClients'); });
registerAfterRestore(function newToken() {
  id = uuidv4();
  token = jwt.sign({ sub: id }, SIGNING_KEY, { expiresIn: '1h' });
  const p = runPayload();
  if (p) tenant = JSON.parse(p).tenant ?? null;
  restoredBy = 'newToken';
  trace.push('newToken');
});

const hooks = nodeHooks();
const server = http.createServer(async (req, res) => {
  if (await hooks(req, res)) return;
  if (req.url === '/health') { res.end('ok'); return; }
  if (req.url === '/' || req.url === '/id') {
    const { sub } = jwt.verify(token, SIGNING_KEY);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ id, initId, restoredBy, tenant, tokenSubIsId: sub === id, clients: clients !== null, trace }));
    return;
  }
  res.statusCode = 404;
  res.end('not found');
});
server.listen(Number(process.env.PORT ?? 8080));
