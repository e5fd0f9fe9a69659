// When init is over in `emulate --platform`. While init awaits a deferred server's `listening` (which comes only after
// the restore), no open handle can end that wait: a socket to a server the app started itself does
// not keep init from being over; what is still open after the before-snapshot hooks is named.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emulatePlatform, lwaSnapshotSteps, served, steps } from '../helpers/platform-emulate.js';
import { repoRoot } from '../helpers/run-cli.js';

// Under the repository (git-ignored .tmp/), so that the apps resolve the frameworks installed there.
mkdirSync(join(repoRoot, '.tmp'), { recursive: true });
const dir = mkdtempSync(join(repoRoot, '.tmp', 'http-init-end-'));
afterAll(() => process.env.SR_KEEP || rmSync(dir, { recursive: true, force: true }));

function write(name: string, source: string): string {
  writeFileSync(join(dir, name), source);
  return name;
}

/** Fastify awaiting its listen(), with a client socket to a line server of its own opened at init; `closeInHook` decides whether a before-snapshot hook closes both. */
function dbApp(closeInHook: boolean): string {
  return `import net from 'node:net';
import Fastify from 'fastify';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { fastifyHooks } from 'snapshot-restore/http';
const initPid = process.pid;
let db;
let client;
const startDb = () => new Promise((resolve) => {
  db = net.createServer((s) => s.on('data', () => s.write('PONG\\n')));
  db.listen(0, '127.0.0.1', () => resolve(db.address().port));
});
const connect = (port) => new Promise((resolve, reject) => { const s = net.connect(port, '127.0.0.1', () => resolve(s)); s.once('error', reject); });
const ping = () => client ? new Promise((resolve) => { client.once('data', (d) => resolve(String(d).trim())); client.write('PING\\n'); }) : 'none';
client = await connect(await startDb());
${
  closeInHook
    ? `registerBeforeSnapshot(async function closeDb() {
  client.destroy();
  client = undefined;
  await new Promise((r) => db.close(r));
});`
    : ''
}
registerAfterRestore(async function reopenDb() { if (!client) client = await connect(await startDb()); });
process.on('SIGTERM', () => process.exit(0));
const app = Fastify();
app.addHook('onRequest', fastifyHooks());
app.get('/', async () => ({ initPid, pid: process.pid, db: await ping() }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
`;
}

describe('init awaiting a deferred listen() is over whatever handles are open', () => {
  it('a client socket to a server the app started, closed in a before-snapshot hook: snapshot, without waiting out the init deadline', async () => {
    const file = write('db-socket.mjs', dbApp(true));
    // A deadline far longer than the test's own: waiting it out would fail the test.
    const { report } = await emulatePlatform(dir, file, 'lwa', '--init-timeout', '900');
    expect(report.mode, report.modeReason).toBe('snapshot');
    expect(served(report).length).toBeGreaterThan(0);
    expect(steps(report)).toEqual(lwaSnapshotSteps(served(report).length));
    for (const answer of served(report)) {
      expect(answer.db).toBe('PONG');
      expect(answer.pid).not.toBe(answer.initPid);
    }
  });

  it('the same socket left open by the hooks: plain processes, and the report names what is left open', async () => {
    const file = write('db-socket-open.mjs', dbApp(false));
    const { report } = await emulatePlatform(dir, file, 'lwa', '--init-timeout', '900');
    expect(report.mode).toBe('plain');
    // Named, not waited out: the first handle left open, with the app's line.
    expect(report.modeReason).toMatch(/init left a server listening on 127\.0\.0\.1:\d+ open \(db-socket-open\.mjs:\d+:\d+\)/);
    expect(served(report)[0].db).toBe('PONG');
  });
});

describe('a `listening` listener init adds and removes again', () => {
  it('is not a wait for the server: init is over when its own pending work is, and the snapshot holds what that work made', async () => {
    // The warm-up outlasts the open-handle check's grace (500 ms): had init been taken as waiting
    // for `listening`, it would have been over at once and the warm-up's timer named as left open.
    const file = write(
      'listening-removed.mjs',
      `import { createServer } from 'node:http';
import { nodeHooks } from 'snapshot-restore/http';
const initPid = process.pid;
let warmed = false;
const hooks = nodeHooks();
const server = createServer(async (req, res) => {
  if (await hooks(req, res)) return;
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ initPid, pid: process.pid, warmed }));
});
const onListening = () => {};
server.on('listening', onListening);
server.off('listening', onListening);
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
await new Promise((resolve) => setTimeout(resolve, 1500));
warmed = true;
`,
    );
    const { report } = await emulatePlatform(dir, file, 'lwa');
    expect(report.mode, report.modeReason).toBe('snapshot');
    const answers = served(report);
    expect(answers.length).toBeGreaterThan(0);
    for (const answer of answers) expect(answer).toMatchObject({ warmed: true, initPid: expect.any(Number) });
    for (const answer of answers) expect(answer.pid).not.toBe(answer.initPid);
  });
});
