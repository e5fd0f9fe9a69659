// MicroVM-only node:http service (platform in code), onTerminate drains and closes the server;
// terminate is retried by the platform and must run onTerminate once.
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { nodeHooks } from 'snapshot-restore/http';

const trace = [];
const initId = randomUUID();
let id = initId;
let terminations = 0;
registerBeforeSnapshot(function pauseJobs() { trace.push('pauseJobs'); });
registerBeforeSnapshot(async function persistQueue() { await new Promise((r) => setTimeout(r, 50)); trace.push('persistQueue'); });
registerAfterRestore(function resumeJobs() { id = randomUUID(); trace.push('resumeJobs'); });

const hooks = nodeHooks({
  platform: 'microvm',
  onTerminate: async () => { terminations++; trace.push('onTerminate'); await new Promise((r) => setTimeout(r, 100)); },
});
const server = createServer(async (req, res) => {
  if (await hooks(req, res)) return;
  res.setHeader('content-type', 'application/json');
  if (req.url === '/health') return res.end('"ok"');
  if ((req.url === '/id' || req.url === '/')) return res.end(JSON.stringify({ id, initId, trace, terminations }));
  res.statusCode = 404; res.end('{}');
});
server.listen(Number(process.env.PORT ?? 8080), '0.0.0.0');
