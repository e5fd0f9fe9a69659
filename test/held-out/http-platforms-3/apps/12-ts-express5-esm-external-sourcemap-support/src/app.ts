// TypeScript Express 5 built by esbuild to an ES module with `packages: 'external'` (node_modules
// installed in the image) and esbuild's usual createRequire banner anyway, plus
// `import 'source-map-support/register'` (stack traces through the source map; it sets
// Error.prepareStackTrace at init) and a source map. Hooks are standard (TC39) decorators on an
// instance method of a repository object built at top level (docs/hooks.md: registered at construction).
// Docs: express is reached through `import`, and its own `require('http')` is the CommonJS loader's
// require, which the deferral holds for; a library's prepareStackTrace is handled in the build:
// a REAL snapshot on Node 20 and 22. Hooks: before (Repo.disconnect), after (Repo.connect, then newId).
import 'source-map-support/register.js'; // ESM needs the file name: the package has no exports map
import { randomUUID } from 'node:crypto';
import cors from 'cors';
import express, { type Request, type Response } from 'express';
import helmet from 'helmet';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { expressHooks, runPayload } from 'snapshot-restore/http';

const trace: string[] = [];

class Repo {
  connected = true;

  @registerBeforeSnapshot
  async disconnect() {
    await new Promise((r) => setTimeout(r, 10));
    this.connected = false;
    trace.push('disconnect');
  }

  @registerAfterRestore
  connect() {
    this.connected = true;
    trace.push('connect');
  }
}

const repo = new Repo();
const initId = randomUUID();
let id = initId;
let restoredBy: string | null = null;
let tenant: string | null = null;

registerAfterRestore(function newId() {
  id = randomUUID();
  const p = runPayload();
  if (p) tenant = (JSON.parse(p) as { tenant?: string }).tenant ?? null;
  restoredBy = 'newId';
  trace.push('newId');
});

const app = express();
app.use(expressHooks());
app.use(helmet());
app.use(cors());
const state = () => ({ id, initId, restoredBy, tenant, connected: repo.connected, trace });
app.get('/', (_req: Request, res: Response) => { res.json(state()); });
app.get('/id', (_req: Request, res: Response) => { res.json(state()); });
app.get('/health', (_req: Request, res: Response) => { res.send('ok'); });
app.get('/boom', () => { throw new Error('boom'); });

app.listen(Number(process.env.PORT ?? 8080));
