// A Hono app in a Lambda MicroVM. The image's hooks (ready, validate, run, resume, suspend,
// terminate) are POSTed to /aws/lambda-microvms/runtime/v1/<hook> on the hooks port: honoHooks()
// answers them from the hook registry. The per-VM secret arrives in the run payload, never in
// the image's snapshot.
import { pbkdf2, randomUUID } from 'node:crypto';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { honoHooks, runPayload } from 'snapshot-restore/http';

let vmId = 'image-build';
let tenant;
let connected = true;

registerBeforeSnapshot(function closeConnections() {
  connected = false;
});
registerAfterRestore(function reconnect() {
  connected = true;
});
registerAfterRestore(function perVmState() {
  // AWS's advice: make per-VM unique values and read secrets in run, not while the image is built.
  vmId = randomUUID();
  tenant = runPayload() === undefined ? undefined : JSON.parse(runPayload()).tenant;
});

// Work init does in the background (here: deriving a key); until it is done, `ready` answers 503
// and the platform asks again, so the image's snapshot is never taken of a half-initialized app.
let warm = false;
pbkdf2('image-build', 'salt', 200_000, 32, 'sha256', () => {
  warm = true;
});

const app = new Hono();
app.use(honoHooks({ platform: 'microvm', ready: () => warm }));
app.get('/', (c) => c.json({ vmId, tenant: tenant ?? null, connected }));

// Lambda calls the hooks over the guest's network: listen on every interface.
const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 8080), hostname: process.env.HOST ?? '0.0.0.0' }, (info) => {
  console.log(`listening on ${info.port}`);
});
process.on('SIGTERM', () => server.close());
