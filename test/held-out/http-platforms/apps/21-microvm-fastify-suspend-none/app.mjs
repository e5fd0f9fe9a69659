// MicroVM Fastify app whose hooks must run only around the image's snapshot: suspend: 'none'
// (docs: suspend/resume then run nothing). Platform from SNAPSHOT_RESTORE_PLATFORM.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { fastifyHooks, runPayload, snapshotHooks } from 'snapshot-restore/http';

const trace = [];
const initId = randomUUID();
let id = initId;
let payload = null;
registerBeforeSnapshot(function sealImage() { trace.push('sealImage'); });
registerAfterRestore(function claimVm() { id = randomUUID(); payload = runPayload() ?? null; trace.push('claimVm'); });

const app = Fastify();
app.addHook('onRequest', fastifyHooks(snapshotHooks({ suspend: 'none' })));
app.get('/health', async () => 'ok');
app.get('/', async () => ({ id, initId, trace, tenant: payload ? JSON.parse(payload).tenant : null }));
app.get('/id', async () => ({ id, initId, trace, tenant: payload ? JSON.parse(payload).tenant : null }));
await app.listen({ port: Number(process.env.PORT ?? 8080), host: '0.0.0.0' });
