#!/usr/bin/env node
// node run.mjs <bootstrapPath> [--node <nodeBinary>] [--json] [--only <substr>] [--ric <ric entry>] [--out <file.json>] [--verbose]
// Runs every case in ./cases under the bootstrap and under aws-lambda-ric, compares the outcomes and
// classifies each case: same / better (bootstrap better) / WORSE (bootstrap worse) / both-fail.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { runCase } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const opt = (name) => {
  const i = argv.indexOf(name);
  if (i < 0) return undefined;
  const v = argv[i + 1];
  argv.splice(i, 2);
  return v;
};
const flag = (name) => {
  const i = argv.indexOf(name);
  if (i < 0) return false;
  argv.splice(i, 1);
  return true;
};
const node = opt('--node') ?? process.execPath;
const only = opt('--only');
const out = opt('--out');
const ricOpt = opt('--ric');
const asJson = flag('--json');
const verbose = flag('--verbose');
const bootstrap = argv[0] && resolve(argv[0]);
if (!bootstrap || !existsSync(bootstrap)) {
  console.error('usage: node run.mjs <bootstrapPath> [--node <nodeBinary>] [--json] [--only <substr>] [--ric <entry>] [--out <file>]');
  process.exit(2);
}

function ricEntry() {
  if (ricOpt) return resolve(ricOpt);
  for (const dir of [join(here, '../node_modules/aws-lambda-ric')]) {
    const pkgFile = join(dir, 'package.json');
    if (!existsSync(pkgFile)) continue;
    const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
    const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.['aws-lambda-ric'];
    return join(dir, bin ?? pkg.main ?? 'index.mjs');
  }
  throw new Error('aws-lambda-ric not found: npm --prefix test/peers ci (needs autoconf automake libtool)');
}
const ric = ricEntry();
const nodeVersion = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();

// ------------------------------------------------------------------ outcome summaries
const canon = (v) => {
  if (v === undefined) return 'undefined';
  const s = JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, x[k]])) : x));
  return s.length > 300 ? `${s.slice(0, 300)}…(${s.length})` : s;
};
const bodyOf = (a) => (a.size > 100_000 ? `<${a.size} bytes>` : a.json !== undefined ? canon(a.json) : `raw:${a.text}`);
const errType = (a) => a.json?.errorType ?? `<no json: ${a.text.slice(0, 60)}>`;
const errMsg = (a) => {
  const m = a.json?.errorMessage;
  if (typeof m === 'string' && m.length > 300) return `${m.slice(0, 80)}…(${m.length})`;
  return m;
};

function summarize(o, spec) {
  const init = o.initErrors.length ? 'error' : o.nextCalls > 0 ? 'ok' : 'none';
  const ie = o.initErrors[0];
  const events = o.events.map((e, i) => {
    const kind = !e.served ? 'unserved' : e.answers.length === 0 ? 'none' : e.answers[0].kind;
    const first = e.answers[0];
    const invId = spec.events?.[i]?.invocationId;
    return {
      kind,
      kinds: e.answers.map((a) => a.kind).join('+') || kind,
      body: first?.kind === 'response' ? bodyOf(first) : undefined,
      errorType: first?.kind === 'error' ? errType(first) : undefined,
      errorMessage: first?.kind === 'error' ? errMsg(first) : undefined,
      xrayCauseBytes: first?.xrayCauseBytes,
      echoOk: e.answers.every((a) => (a.headers['lambda-runtime-invocation-id'] ?? null) === (invId ?? null)),
      echoed: e.answers.map((a) => a.headers['lambda-runtime-invocation-id'] ?? '-').join(','),
    };
  });
  const end = o.exit !== 'running' ? 'exit' : o.endedParked ? 'alive' : 'stuck';
  return {
    init,
    initErrorType: ie ? ie.json?.errorType ?? ie.headers['lambda-runtime-function-error-type'] : undefined,
    initErrorMessage: ie ? ie.json?.errorMessage : undefined,
    events,
    end,
    exit: o.exit,
    stdout: o.stdout,
  };
}

function normStdout(stdout, mode) {
  const lines = stdout.split('\n').filter((l) => l.trim() !== '');
  if (mode === 'json') {
    return lines.map((l) => {
      try {
        const j = JSON.parse(l);
        const r = {};
        for (const k of Object.keys(j).sort()) {
          if (k === 'timestamp') r[k] = '<ts>';
          else if (k === 'stackTrace' || k === 'stack') r[k] = Array.isArray(j[k]) ? `${j[k][0]}…` : typeof j[k];
          else if (k === 'message' && typeof j[k] === 'string') r[k] = j[k].split(/\n\s+at /)[0].replace(/\r\s+at .*/s, '');
          else if (k === 'message' && j[k] && typeof j[k] === 'object') r[k] = { ...j[k], stackTrace: j[k].stackTrace ? '<stack>' : undefined, stack: j[k].stack ? '<stack>' : undefined };
          else r[k] = j[k];
        }
        return canon(r);
      } catch {
        return `non-json: ${l.slice(0, 120)}`;
      }
    });
  }
  return lines.map((l) => l.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z/g, '<ts>').replace(/\r\s+at .*/s, ''));
}

const RANK = { init: { ok: 2, error: 1, none: 0 }, kind: { response: 2, error: 2, none: 0, unserved: 0 }, end: { alive: 2, exit: 1, stuck: 0 } };
const matchKind = (want, got) => want === 'any' || (want === 'answered' ? got === 'response' || got === 'error' : want === got);

function compare(spec, b, r) {
  const exp = spec.expect ?? {};
  const cmp = spec.compare ?? {};
  const diffs = []; // { field, verdict: better|worse|bothfail|minor, b, r }
  const field = (name, bv, rv, { expected, rank, minor } = {}) => {
    if (expected) {
      const bOk = expected(bv);
      const rOk = expected(rv);
      if (bOk && rOk) return bv === rv ? undefined : diffs.push({ field: name, verdict: 'minor', b: bv, r: rv, note: 'both acceptable' });
      if (bOk) return diffs.push({ field: name, verdict: 'better', b: bv, r: rv });
      if (rOk) return diffs.push({ field: name, verdict: 'worse', b: bv, r: rv });
      return diffs.push({ field: name, verdict: 'bothfail', b: bv, r: rv });
    }
    if (bv === rv) return undefined;
    if (minor) return diffs.push({ field: name, verdict: 'minor', b: bv, r: rv });
    if (rank && rank[bv] !== undefined && rank[rv] !== undefined && rank[bv] !== rank[rv]) {
      return diffs.push({ field: name, verdict: rank[bv] > rank[rv] ? 'better' : 'worse', b: bv, r: rv });
    }
    return diffs.push({ field: name, verdict: 'worse', b: bv, r: rv, note: 'diverges from ric' });
  };
  field('init', b.init, r.init, { rank: RANK.init, expected: exp.init && ((v) => v === exp.init) });
  if (b.init === 'error' && r.init === 'error') {
    field('initErrorType', b.initErrorType, r.initErrorType, exp.initErrorType ? { expected: (v) => v === exp.initErrorType } : {});
    field('initErrorMessage', b.initErrorMessage, r.initErrorMessage, { minor: true });
  }
  b.events.forEach((be, i) => {
    const re = r.events[i];
    const want = exp.events?.[i];
    field(`ev${i + 1}`, be.kind, re.kind, { rank: RANK.kind, expected: want && ((v) => matchKind(want, v)) });
    if (want === 'any') return;
    if (be.kind === re.kind && be.kinds !== re.kinds) field(`ev${i + 1}.posts`, be.kinds, re.kinds, { minor: true });
    if (be.kind === 'response' && re.kind === 'response') field(`ev${i + 1}.body`, be.body, re.body);
    if (be.kind === 'error' && re.kind === 'error') {
      field(`ev${i + 1}.errorType`, be.errorType, re.errorType);
      field(`ev${i + 1}.errorMessage`, be.errorMessage, re.errorMessage, { minor: cmp.errorMessage === false });
    }
  });
  if (exp.echoInvocationId) {
    b.events.forEach((be, i) => {
      const re = r.events[i];
      if (be.kind === 'unserved' && re.kind === 'unserved') return;
      field(`ev${i + 1}.invocationId`, `${be.echoOk ? 'ok' : 'bad'}(${be.echoed})`, `${re.echoOk ? 'ok' : 'bad'}(${re.echoed})`, { expected: (v) => v.startsWith('ok') });
    });
  }
  if (exp.end !== 'any') field('end', b.end, r.end, { rank: exp.end === 'exit' ? { exit: 2, alive: 1, stuck: 0 } : RANK.end, expected: exp.end && exp.end !== 'any' && ((v) => v === exp.end) });
  if (exp.exitCode !== undefined) field('exitCode', String(b.exit), String(r.exit), { expected: (v) => v === String(exp.exitCode) });
  for (const marker of exp.stdoutIncludes ?? []) {
    field(`stdout~${marker}`, b.stdout.includes(marker) ? 'present' : 'missing', r.stdout.includes(marker) ? 'present' : 'missing', { expected: (v) => v === 'present' });
  }
  if (cmp.stdout) {
    const bl = normStdout(b.stdout, cmp.stdout);
    const rl = normStdout(r.stdout, cmp.stdout);
    const n = Math.max(bl.length, rl.length);
    let first = -1;
    for (let i = 0; i < n; i++) if (bl[i] !== rl[i]) { first = i; break; }
    if (first >= 0) diffs.push({ field: `stdout[${first}]`, verdict: 'worse', b: bl[first] ?? '<none>', r: rl[first] ?? '<none>', note: `log lines differ (${bl.length} vs ${rl.length} lines)` });
  }
  const verdicts = new Set(diffs.map((d) => d.verdict));
  // A bootstrap that misses an expectation of the case is never "better", even where it improves on ric elsewhere.
  const cls = verdicts.has('worse') ? 'WORSE' : verdicts.has('bothfail') ? 'both-fail' : verdicts.has('better') ? 'better' : 'same';
  return { cls, diffs };
}

const short = (s) => {
  const ev = s.events.map((e) => ({ response: 'R', error: 'E', none: '-', unserved: '.' })[e.kind] + (e.kinds.includes('+') ? '*' : '')).join('');
  return `init=${s.init}${s.initErrorType ? `(${s.initErrorType})` : ''} ev=${ev} end=${s.end}${s.end === 'exit' ? `(${s.exit})` : ''}`;
};

// ------------------------------------------------------------------ main
const casesDir = join(here, 'cases');
const names = readdirSync(casesDir).filter((n) => existsSync(join(casesDir, n, 'case.json')) && (!only || n.includes(only))).sort();
const results = [];
for (const name of names) {
  const caseDir = join(casesDir, name);
  const spec = JSON.parse(readFileSync(join(caseDir, 'case.json'), 'utf8'));
  // The two runtimes run side by side: at most two child processes at a time.
  const [bo, ro] = await Promise.all([
    runCase({ caseDir, spec, runtime: { kind: 'bootstrap', node, entry: bootstrap } }),
    runCase({ caseDir, spec, runtime: { kind: 'ric', node, entry: ric } }),
  ]);
  const b = summarize(bo, spec);
  const r = summarize(ro, spec);
  const { cls, diffs } = compare(spec, b, r);
  const res = { name, family: spec.family, description: spec.description, cls, bootstrap: short(b), ric: short(r), diffs };
  if (verbose || asJson) Object.assign(res, { raw: { bootstrap: bo, ric: ro } });
  results.push(res);
  if (!asJson) process.stderr.write(`${cls.padEnd(9)} ${name}\n`);
}

const counts = { same: 0, better: 0, WORSE: 0, 'both-fail': 0 };
for (const r of results) counts[r.cls]++;
const header = { node: nodeVersion, bootstrap, ric, cases: results.length, counts };
if (out) writeFileSync(out, JSON.stringify({ ...header, results }, null, 2));
if (asJson) {
  process.stdout.write(JSON.stringify({ ...header, results }, null, 2) + '\n');
} else {
  const fmtDiff = (d) => `${d.field}: b=${d.b} r=${d.r}${d.note ? ` [${d.note}]` : ''}`;
  console.log(`\nnode ${nodeVersion}  bootstrap=${bootstrap}\nric=${ric}\n`);
  console.log(`${'case'.padEnd(36)} ${'class'.padEnd(9)} ${'bootstrap'.padEnd(44)} ${'ric'.padEnd(44)} details`);
  for (const r of results) {
    const important = r.diffs.filter((d) => d.verdict !== 'minor').map(fmtDiff);
    const minor = r.diffs.filter((d) => d.verdict === 'minor').map((d) => `(minor) ${fmtDiff(d)}`);
    const detail = [...important, ...minor].join(' | ');
    console.log(`${r.name.padEnd(36)} ${r.cls.padEnd(9)} ${r.bootstrap.padEnd(44)} ${r.ric.padEnd(44)} ${detail.length > 400 ? detail.slice(0, 400) + '…' : detail}`);
  }
  console.log(`\nsame=${counts.same} better=${counts.better} WORSE=${counts.WORSE} both-fail=${counts['both-fail']}  (of ${results.length})`);
  console.log(`worse: ${counts.WORSE}`);
}
