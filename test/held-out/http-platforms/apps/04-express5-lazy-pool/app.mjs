// Express 5 orders API with a lazily created DB-ish pool (created on first query), closed before the
// snapshot and dropped so the next query after the restore makes a new one. /health uses isRestoring().
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import express from 'express';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { expressHooks, isRestoring } from 'snapshot-restore/http';

const trace = [];
class Pool extends EventEmitter {
  constructor() { super(); this.id = randomUUID(); this.open = true; this.queries = 0; }
  async query(sql) { if (!this.open) throw new Error('pool closed'); this.queries++; return { rows: [{ sql, pool: this.id }] }; }
  async end() { await new Promise((r) => setTimeout(r, 30)); this.open = false; }
}
let pool;
const getPool = () => (pool ??= new Pool());
await getPool().query('select 1'); // warm at init

const initId = randomUUID();
let id = initId;
registerBeforeSnapshot(async function drainPool() {
  if (pool) await pool.end();
  pool = undefined;
  trace.push('drainPool');
});
registerAfterRestore(function renewInstance() {
  id = randomUUID({ disableEntropyCache: true });
  trace.push('renewInstance');
});
registerAfterRestore(async function warmPool() {
  await getPool().query('select 1');
  trace.push('warmPool');
});

const app = express();
app.use(expressHooks());
app.use(express.json());
app.get('/health', (_req, res) => {
  if (isRestoring()) return res.status(503).send('restoring');
  res.send('ok');
});
app.get('/orders/:id', async (req, res) => {
  const { rows } = await getPool().query(`select * from orders where id = ${Number(req.params.id)}`);
  res.json(rows[0]);
});
app.get('/', (_req, res) => res.json({ id, initId, trace, pool: pool?.id ?? null }));
app.get('/id', (_req, res) => res.json({ id, initId, trace, pool: pool?.id ?? null }));
app.listen(Number(process.env.PORT ?? 8080), () => console.log('orders api up'));
