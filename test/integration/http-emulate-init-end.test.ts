// When init is over in `emulate --platform`, and that the deferral of listen() holds however the app
// reaches node:http. (1) While init awaits a deferred server's `listening` (which comes only after
// the restore), no open handle can end that wait: a socket to a server the app started itself does
// not keep init from being over; what is still open after the before-snapshot hooks is named.
// (2) An esbuild ESM bundle whose banner makes `require` with createRequire reaches node:http
// through it at run time: its listen() is deferred all the same, and the snapshot is taken.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
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

describe('listen() is deferred however the app reaches node:http', () => {
  it('an esbuild ESM bundle with Express inside, reaching node:http through the createRequire banner: snapshot, listen replayed', async () => {
    const source = write(
      'express-src.mjs',
      `import express from 'express';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { expressHooks } from 'snapshot-restore/http';
const initPid = process.pid;
let connected = true;
registerBeforeSnapshot(function disconnect() { connected = false; });
registerAfterRestore(function connect() { connected = true; });
process.on('SIGTERM', () => process.exit(0));
const app = express();
app.use(expressHooks());
app.get('/', (_req, res) => res.json({ initPid, pid: process.pid, connected }));
app.listen(Number(process.env.PORT), '127.0.0.1');
`,
    );
    await esbuild.build({
      entryPoints: [join(dir, source)],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: join(dir, 'express-bundle.mjs'),
      external: ['snapshot-restore', 'snapshot-restore/*'],
      banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
      logLevel: 'silent',
    });
    const { report } = await emulatePlatform(dir, 'express-bundle.mjs', 'lwa');
    expect(report.mode, report.modeReason).toBe('snapshot');
    expect(report.snapshot?.servers.map((server) => server.listens.length)).toEqual([1]);
    expect(served(report).length).toBeGreaterThan(0);
    expect(steps(report)).toEqual(lwaSnapshotSteps(served(report).length));
    for (const answer of served(report)) {
      expect(answer.connected).toBe(true);
      expect(answer.pid).not.toBe(answer.initPid);
    }
  });
});
