// `emulate --platform` on a real V8 startup snapshot of a web app's init, for each framework
// adapter with the real framework: the app listens at init, the snapshot build records that
// listen() instead of binding (and its SIGTERM listener), sends the platform's calls before the
// snapshot to the app's handler in-process, and every start from the snapshot replays the listen();
// the calls after the snapshot are real HTTP on loopback. And where no snapshot can be built, the
// report says why and plain processes take over.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FRAMEWORKS, type Framework } from '../helpers/framework-apps.js';
import { emulatePlatform, hooksOf, lwaSnapshotSteps, served, steps } from '../helpers/platform-emulate.js';
import { repoRoot, runCommand } from '../helpers/run-cli.js';

// Under the repository (git-ignored .tmp/), so that the apps resolve the frameworks installed there.
mkdirSync(join(repoRoot, '.tmp'), { recursive: true });
const dir = mkdtempSync(join(repoRoot, '.tmp', 'http-emulate-'));
afterAll(() => process.env.SR_KEEP || rmSync(dir, { recursive: true, force: true }));

const HOOKS = `
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
const initPid = process.pid;
let connected = true;
let restoredIn;
registerBeforeSnapshot(function closePool() { connected = false; });
registerAfterRestore(function reopenPool() { connected = true; restoredIn = process.pid; });
const state = () => JSON.stringify({ initPid, pid: process.pid, connected, restoredIn, sigterm: process.listenerCount('SIGTERM') });
process.on('SIGTERM', () => process.exit(0));
const port = Number(process.env.PORT);
`;

/** One app per framework: hooks through its adapter, `/` answering what init and the restore left. */
function appSource(framework: Framework, options: string): string {
  switch (framework) {
    case 'node-http':
      return `import { createServer } from 'node:http';
import { nodeHooks } from 'snapshot-restore/http';${HOOKS}
const hooks = nodeHooks(${options});
createServer(async (req, res) => {
  if (await hooks(req, res)) return;
  res.writeHead(200, { 'content-type': 'application/json' }).end(state());
}).listen(port, '127.0.0.1');
`;
    case 'express':
      return `import express from 'express';
import { expressHooks } from 'snapshot-restore/http';${HOOKS}
const app = express();
app.use(expressHooks(${options}));
app.get('/', (_req, res) => res.type('json').send(state()));
app.listen(port, '127.0.0.1');
`;
    case 'fastify':
      // Top-level await of listen(): init ends when nothing but the listening event is left.
      return `import Fastify from 'fastify';
import { fastifyHooks } from 'snapshot-restore/http';${HOOKS}
const app = Fastify();
app.addHook('onRequest', fastifyHooks(${options}));
app.get('/', async (_request, reply) => reply.type('application/json').send(state()));
await app.listen({ port, host: '127.0.0.1' });
`;
    case 'hono':
      return `import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { honoHooks } from 'snapshot-restore/http';${HOOKS}
const app = new Hono();
app.use(honoHooks(${options}));
app.get('/', (c) => c.body(state(), 200, { 'content-type': 'application/json' }));
serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
`;
    case 'koa':
      return `import Koa from 'koa';
import { koaHooks } from 'snapshot-restore/http';${HOOKS}
const app = new Koa();
app.use(koaHooks(${options}));
app.use(async (ctx) => { ctx.type = 'json'; ctx.body = state(); });
app.listen(port, '127.0.0.1');
`;
  }
}

function write(name: string, source: string): string {
  writeFileSync(join(dir, name), source);
  return name;
}

const emulate = (file: string, platform: 'lwa' | 'microvm', ...extra: string[]) => emulatePlatform(dir, file, platform, ...extra);

describe.each(FRAMEWORKS)('%s from a V8 startup snapshot', (framework) => {
  it('Lambda Web Adapter: before-checkpoint in the build, then after-restore, readiness and requests against the restored process', async () => {
    const file = write(`${framework}-lwa.mjs`, appSource(framework, ''));
    const { code, report, stdout } = await emulate(file, 'lwa', '--invokes', '2', '--env', 'AWS_LWA_READINESS_CHECK_PATH=/');
    expect(code, stdout).toBe(0);
    expect(report.mode, report.modeReason).toBe('snapshot');
    expect(steps(report)).toEqual(lwaSnapshotSteps(2));
    expect(hooksOf(report, 'before-checkpoint')).toEqual(['closePool']);
    expect(hooksOf(report, 'after-restore')).toEqual(['reopenPool']);
    // Sites are the app's own lines, in the build and after the restore.
    for (const call of report.calls) for (const hook of call.hooks) expect(hook.site).toMatch(new RegExp(`^${file}:\\d+:\\d+$`));
    // Init ran in the build; the requests reach another process, started from its heap.
    for (const state of served(report)) {
      expect(state.pid).not.toBe(state.initPid);
      // The SIGTERM listener init added (recorded in the build) is back after the restore.
      expect(state).toMatchObject({ connected: true, restoredIn: state.pid, sigterm: 1 });
    }
    expect(report.snapshot?.servers.flatMap((server) => server.listens)).toHaveLength(1);
    // Where init made the server (Fastify makes it in Fastify(), the others in listen()), with listen()'s arguments.
    expect(report.modeReason).toMatch(new RegExp(`\\.listen\\(.*127\\.0\\.0\\.1.*\\) at ${file}:\\d+:\\d+ replayed`));
  });
});

describe("Node's fetch classes after a restore", () => {
  it('a Hono app under @hono/node-server snapshots, and after the restore builds, sends and reads fetch Requests and Responses', async () => {
    // @hono/node-server keeps globalThis.Request/Response/Headers as they were when it loaded and
    // subclasses them; serve() puts its own Request and Response on globalThis.
    const source = appSource('hono', '').replace(
      "app.get('/', (c) => c.body(state(), 200, { 'content-type': 'application/json' }));",
      `app.post('/echo', async (c) => c.json({ got: await c.req.json(), isRequest: c.req.raw instanceof Request }));
app.get('/', async (c) => {
  const request = new Request('http://127.0.0.1:' + port + '/echo', { method: 'POST', body: JSON.stringify({ n: 1 }), headers: new Headers({ 'content-type': 'application/json' }) });
  const answer = await fetch(request);
  const response = new Response(await answer.text(), { headers: { 'x-made': 'after-restore' } });
  return c.json({ ...JSON.parse(state()), status: answer.status, echoed: await response.json(), made: response.headers.get('x-made'), isResponse: answer instanceof Response });
});`,
    );
    expect(source).toContain("app.post('/echo'");
    const file = write('hono-fetch.mjs', source);
    const { code, report, stdout } = await emulate(file, 'lwa', '--invokes', '2', '--env', 'AWS_LWA_READINESS_CHECK_PATH=/health');
    expect(code, stdout).toBe(0);
    expect(report.mode, report.modeReason).toBe('snapshot');
    expect(steps(report).filter((step) => step.startsWith('request'))).toEqual(['request 200 restored', 'request 200 restored']);
    for (const answer of served(report)) {
      expect(answer.pid).not.toBe(answer.initPid);
      expect(answer).toMatchObject({ status: 200, echoed: { got: { n: 1 }, isRequest: true }, made: 'after-restore', isResponse: true });
    }
  });
});

describe('V8 call sites kept at init', () => {
  it("an app that keeps a structured call site (as depd does in Koa's http-errors) snapshots, and the call site answers after the restore", async () => {
    // depd: Error.prepareStackTrace returns V8's CallSite objects, and one is kept. Node 22's
    // snapshot writer aborts on a CallSite (std::length_error).
    // source-map-support/register's prepareStackTrace clones each call site by copying the methods
    // of its prototype, and calls them on the copy: the build's copies must keep V8's shape.
    const source = appSource('node-http', '')
      .replace('import { createServer }', "import 'source-map-support/register.js';\nimport { createServer }")
      .replace(
        'const port =',
        `const saved = Error.prepareStackTrace;
Error.prepareStackTrace = (_error, sites) => sites;
const holder = {};
Error.captureStackTrace(holder);
const site = holder.stack[0];
Error.prepareStackTrace = saved;
// The stack read at init through source-map-support, with its frames (answers are cut short).
const initStack = /^Error: read at init\\n +at .+:\\d+:\\d+/.test(new Error('read at init').stack);
const keptSite = () => ({ file: typeof site.getFileName(), line: site.getLineNumber(), restored: Error.prepareStackTrace === saved, initStack });
const port =`,
      )
      .replace('.end(state())', '.end(JSON.stringify({ ...JSON.parse(state()), ...keptSite() }))');
    expect(source).toContain('keptSite()');
    expect(source).toContain('source-map-support/register');
    const file = write('call-site.mjs', source);
    const { code, report, stdout } = await emulate(file, 'lwa');
    expect(code, stdout).toBe(0);
    expect(report.mode, report.modeReason).toBe('snapshot');
    const [answer] = served(report);
    expect(answer.pid).not.toBe(answer.initPid);
    expect(answer).toMatchObject({ file: 'string', line: expect.any(Number), restored: true });
    expect(answer.initStack).toBe(true);
  });
});

describe('a MicroVM `ready` whose hooks outlast holdMs', () => {
  it('reports the hooks that ran while it answered 503 on the call that waited for them', async () => {
    // The hook takes at least 300 ms and `ready` holds 20 ms: the first ask is always a 503.
    const slow = appSource('node-http', "{ platform: 'microvm', holdMs: 20 }").replace(
      'function closePool() { connected = false; }',
      'async function closePool() { await new Promise((done) => setTimeout(done, 300)); connected = false; }',
    );
    expect(slow).toContain('async function closePool');
    const file = write('slow-ready-microvm.mjs', slow);
    const { code, report, stdout } = await emulate(file, 'microvm');
    expect(code, stdout).toBe(0);
    const ready = report.calls[0];
    expect(ready.call).toBe('ready');
    expect(ready.attempts).toBeGreaterThan(1);
    expect(ready.hooks.map((hook) => hook.name)).toEqual(['closePool']);
    expect(ready.note).toContain('503 while its hooks ran');
  });
});

describe.each(['node-http', 'fastify'] as const)('%s in a MicroVM, from a V8 startup snapshot', (framework) => {
  it('ready in the build (asked again while 503), then validate, run with the payload, suspend/resume, terminate against the restored process', async () => {
    const file = write(
      `${framework}-microvm.mjs`,
      appSource(framework, "{ platform: 'microvm', ready: () => (asks += 1) > 2 }").replace('const port', 'let asks = 0;\nconst port'),
    );
    const payload = write(`${framework}-payload.json`, JSON.stringify({ tenant: 'acme' }));
    const { code, report, stdout } = await emulate(file, 'microvm', '--event', payload);
    expect(code, stdout).toBe(0);
    expect(report.mode).toBe('snapshot');
    expect(steps(report)).toEqual([
      'ready 200 build',
      'snapshot done build',
      'restore done restored',
      'validate 200 restored',
      'run 200 restored',
      'request 200 restored',
      'suspend 200 restored',
      'suspend 200 restored',
      'resume 200 restored',
      'request 200 restored',
      'terminate 200 restored',
      'terminate 200 restored',
    ]);
    expect(report.calls[0].attempts).toBe(3);
    expect(hooksOf(report, 'ready')).toEqual(['closePool']);
    expect(hooksOf(report, 'run')).toEqual(['reopenPool']);
    expect(report.calls[7].hooks).toEqual([]);
    expect(report.calls[7].note).toContain('no hook ran again');
    for (const state of served(report)) expect(state.pid).not.toBe(state.initPid);
  });
});

describe('when no snapshot can be built, or a call before it fails', () => {
  it('a request at init (a real use of node:http) falls back to a plain process, and says where', async () => {
    const file = write('request-at-init.mjs', `${appSource('node-http', '')}\nimport { get } from 'node:http';\nget('http://127.0.0.1:9/').on('error', () => {});\n`);
    const { code, report, stdout } = await emulate(file, 'lwa');
    expect(code, stdout).toBe(0);
    expect(report.mode).toBe('plain');
    expect(report.modeReason).toMatch(new RegExp(`^no V8 snapshot: init used node:http \\(get\\) at ${file}:\\d+:\\d+`));
    expect(report.calls.every((call) => call.where === 'plain')).toBe(true);
    expect(served(report)[0].pid).toBe(served(report)[0].initPid);
    const required = await runCommand(['emulate', file, '--platform', 'lwa', '--quiet', '--require-snapshot'], dir);
    expect(required.code).toBe(1);
    expect(required.stderr).toContain('--require-snapshot: no V8 snapshot: init used node:http (get)');
  });

  it('an interval left running at init falls back to a plain process, and names it', async () => {
    const file = write('interval-at-init.mjs', `${appSource('express', '')}\nsetInterval(function poll() {}, 60_000);\n`);
    const { report } = await emulate(file, 'lwa');
    expect(report.mode).toBe('plain');
    expect(report.modeReason).toMatch(new RegExp(`init left an interval every 60000 ms \\(poll\\) open \\(${file}:\\d+:\\d+\\)`));
  });

  it('an app that awaits its listen() at top level and left an interval running is told which interval, without waiting out the init deadline', async () => {
    // Fastify's listen() resolves on \`listening\`, which comes only after the restore.
    const source = appSource('fastify', '').replace('await app.listen', 'setInterval(function poll() {}, 60_000);\nawait app.listen');
    expect(source).toContain('function poll');
    const file = write('interval-await-listen.mjs', source);
    const { report } = await emulate(file, 'lwa', '--init-timeout', '100');
    expect(report.mode).toBe('plain');
    expect(report.modeReason).toMatch(new RegExp(`init left an interval every 60000 ms \\(poll\\) open \\(${file}:\\d+:\\d+\\)`));
  });

  for (const mode of ['snapshot', 'plain'] as const) {
    it(`${mode}: the port the app is given stays bound by emulate until the app takes it over: another process trying to take it in between gets EADDRINUSE`, async () => {
      // The app writes the port it was given at init (in the build, or in the plain process) and,
      // plain, waits to listen until the test has tried to take that port, as another process on
      // the machine could.
      const portFile = join(dir, `port-given-${mode}.txt`);
      const triedFile = join(dir, `port-tried-${mode}.txt`);
      const wait =
        mode === 'plain'
          ? `await new Promise((tried) => { const check = () => existsSync(${JSON.stringify(triedFile)}) && (watcher.close(), tried()); const watcher = watch(${JSON.stringify(dir)}, check); check(); });\n`
          : '';
      const file = write(
        `port-race-${mode}.mjs`,
        appSource('node-http', '').replace(
          'const port =',
          `import { existsSync, watch, writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(portFile)}, process.env.PORT);\n${wait}const port =`,
        ),
      );
      const given = new Promise<number>((seen) => {
        const watcher = watch(dir, () => {
          // Seen as soon as it is made: its text may come in a later event.
          const text = existsSync(portFile) ? readFileSync(portFile, 'utf8') : '';
          if (!/^\d+$/.test(text)) return;
          watcher.close();
          seen(Number(text));
        });
      });
      const run = emulate(file, 'lwa', ...(mode === 'plain' ? ['--plain'] : []));
      const stranger = createNetServer();
      const attempt = await new Promise<string>((done) => {
        void given.then((port) => {
          stranger.once('error', (error: NodeJS.ErrnoException) => done(error.code ?? String(error)));
          stranger.listen(port, '127.0.0.1', () => done('bound'));
        });
      });
      writeFileSync(triedFile, attempt);
      const { code, report, stdout } = await run;
      await new Promise((closed) => (stranger.listening ? stranger.close(closed) : closed(undefined)));
      expect(attempt).toBe('EADDRINUSE');
      expect(code, stdout).toBe(0);
      expect(report.mode).toBe(mode);
      expect(served(report)[0].pid).toBeGreaterThan(0);
      if (mode === 'snapshot') expect(report.calls.find((call) => call.call === 'restore')?.note).toMatch(new RegExp(`listening on 127\\.0\\.0\\.1:${await given}$`));
    });
  }

  it('an app that listens on another port than PORT is driven there, and the report says the platform would not reach it', async () => {
    const file = write('other-port.mjs', appSource('node-http', '').replace(".listen(port, '127.0.0.1')", ".listen(0, '127.0.0.1')"));
    const { code, report, stdout } = await emulate(file, 'lwa');
    expect(code, stdout).toBe(0);
    const restore = report.calls.find((call) => call.call === 'restore');
    expect(restore?.note).toMatch(/listening on 127\.0\.0\.1:\d+; not on \d+, the port the platform connects to \(PORT, AWS_LWA_PORT\): the platform would not reach it$/);
  });

  it('a secret the app answers with is never printed in the report', async () => {
    const file = write('echoes-env.mjs', appSource('node-http', '').replace('JSON.stringify({ initPid,', 'JSON.stringify({ password: process.env.DB_PASSWORD, initPid,'));
    const secret = 'hunter2-correct-horse';
    const json = await emulate(file, 'lwa', '--env', `DB_PASSWORD=${secret}`);
    expect(json.code, json.stdout).toBe(0);
    expect(served(json.report)[0].password).toBe('***');
    const text = await runCommand(['emulate', file, '--platform', 'lwa', '--quiet', '--env', `DB_PASSWORD=${secret}`, '--html', 'report.html'], dir);
    expect(text.stdout).toContain('"password":"***"');
    expect(text.stdout + text.stderr + json.stdout).not.toContain(secret);
    // The page: each call, where it was answered, its hooks with their sites.
    const page = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(page).toMatch(/<td>after-restore<div class="path">\/_snapshot\/after-restore<\/div><\/td>\s*<td>200<\/td>\s*<td class="where restored">restored<\/td>/);
    expect(page).toMatch(new RegExp(`reopenPool <span class="site">${file}:\\d+:\\d+</span>`));
    expect(page).toContain('in the build');
    expect(page).not.toContain(secret);
  });

  it('a failing before-snapshot hook fails before-checkpoint in the build: 500 naming it, no snapshot, exit 1', async () => {
    const file = write('failing-hook.mjs', `${appSource('express', '')}\nregisterBeforeSnapshot(function flushQueue() { throw new Error('queue unreachable'); });\n`);
    const { code, report, stdout } = await emulate(file, 'lwa');
    expect(code).toBe(1);
    expect(steps(report)).toEqual(['readiness (init) skipped build', 'before-checkpoint 500 build']);
    expect(report.calls[1].note).toContain('flushQueue');
    expect(report.modeReason).toContain('takes no snapshot');
    expect(stdout).toContain('queue unreachable');
  });
});
