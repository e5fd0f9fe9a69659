// TypeScript Express 5 app, bundled by esbuild into one ES module (dist/app.mjs) as a Dockerfile's
// build stage would, with standard decorators on static methods (src/db.ts) and a plain hook here.
import { randomUUID } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import { registerAfterRestore } from 'snapshot-restore';
import { expressHooks } from 'snapshot-restore/http';
import { Database, trace } from './db.ts';

const initId: string = randomUUID();
let id = initId;
registerAfterRestore(function renewId(): void {
  id = randomUUID();
  trace.push('renewId');
});

const app = express();
app.use(expressHooks());
app.get('/health', (_req: Request, res: Response) => {
  res.send('ok');
});
app.get(['/', '/id'], (_req: Request, res: Response) => {
  res.json({ id, initId, trace, connection: Database.connection ?? null });
});
const port = Number(process.env.PORT ?? 8080);
app.listen(port, () => console.log(`listening on ${port}`));
