// `emulate --platform microvm` against a real V8 snapshot: what the restored process answers the
// platform's calls with, as the report gives it. A Hono app under @hono/node-server serve() takes
// the `run` payload (a POST with a body, which @hono/node-server turns into its Request subclass of
// the captured global Request); a before-snapshot hook that never finishes fails `ready` with the
// answer naming it, which the report keeps (emulate's own note goes beside it).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emulatePlatform, hooksOf, served, steps } from '../helpers/platform-emulate.js';
import { repoRoot } from '../helpers/run-cli.js';

mkdirSync(join(repoRoot, '.tmp'), { recursive: true });
const dir = mkdtempSync(join(repoRoot, '.tmp', 'http-microvm-answers-'));
afterAll(() => process.env.SR_KEEP || rmSync(dir, { recursive: true, force: true }));

function write(name: string, source: string): string {
  writeFileSync(join(dir, name), source);
  return name;
}

describe('a Hono app under @hono/node-server serve() in a MicroVM', () => {
  it('takes the run payload (a request with a body) after the restore, and reads request bodies with fetch classes', async () => {
    const file = write(
      'hono-serve-microvm.mjs',
      `import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { honoHooks } from 'snapshot-restore/http';
const initPid = process.pid;
registerBeforeSnapshot(function closeBroker() {});
registerAfterRestore(function openBroker() {});
const port = Number(process.env.PORT);
const app = new Hono();
app.use(honoHooks({ platform: 'microvm' }));
app.post('/echo', async (c) => c.json({ got: await c.req.json(), isRequest: c.req.raw instanceof Request }));
app.get('/', async (c) => {
  const answer = await fetch('http://127.0.0.1:' + port + '/echo', { method: 'POST', body: JSON.stringify({ n: 1 }), headers: { 'content-type': 'application/json' } });
  return c.json({ initPid, pid: process.pid, status: answer.status, echoed: await answer.json() });
});
serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
`,
    );
    const payload = write('payload.json', JSON.stringify({ tenant: 't-1', items: [1, 2, 3] }));
    const { code, report, stdout } = await emulatePlatform(dir, file, 'microvm', '--event', payload);
    expect(code, stdout).toBe(0);
    expect(report.mode, report.modeReason).toBe('snapshot');
    expect(steps(report).slice(0, 5)).toEqual(['ready 200 build', 'snapshot done build', 'restore done restored', 'validate 200 restored', 'run 200 restored']);
    expect(hooksOf(report, 'run')).toEqual(['openBroker']);
    // The app's answers to the requests after run and after resume: none would pass the loop below.
    const answers = served(report);
    expect(answers.length, steps(report).join('; ')).toBeGreaterThan(0);
    for (const answer of answers) {
      expect(answer.pid).not.toBe(answer.initPid);
      expect(answer).toMatchObject({ status: 200, echoed: { got: { n: 1 }, isRequest: true } });
    }
  });
});

describe('a before-snapshot hook that never finishes, in a MicroVM', () => {
  it('fails ready on time with a 500 naming the hook, and the report gives that answer (its note beside it)', async () => {
    const file = write(
      'fastify-hanging-microvm.mjs',
      `import Fastify from 'fastify';
import { registerBeforeSnapshot } from 'snapshot-restore';
import { fastifyHooks } from 'snapshot-restore/http';
registerBeforeSnapshot(function waitForInflightDrain() { return new Promise(() => {}); });
const app = Fastify();
app.addHook('onRequest', fastifyHooks({ platform: 'microvm', holdMs: 20 }));
app.get('/', async () => ({ ok: true }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
`,
    );
    const { code, report, stdout } = await emulatePlatform(dir, file, 'microvm', '--env', 'SNAPSHOT_RESTORE_BEFORE_SNAPSHOT_TIMEOUT_MS=300');
    expect(code, stdout).toBe(1);
    expect(steps(report)).toEqual(['ready 500 build']);
    const [ready] = report.calls;
    // Asked again while it answered 503: the answer that ended the wait is the hook's failure.
    expect(ready.attempts).toBeGreaterThan(1);
    const [answer, note] = (ready.note ?? '').split(' (answered 503');
    expect(answer).toContain('waitForInflightDrain');
    expect(note).toContain('while its hooks ran');
  });
});
