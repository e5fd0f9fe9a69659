#!/usr/bin/env node
// Held-out scorer for snapshot-restore's build-time adapters (issue 23).
// Usage: node score.mjs <repoDir> [--out name] [--only 03,07]
// For each projects/NN-*: build it with its own tool and configuration, compare its findings,
// hoisting and manifest with an esbuild build of the same entries with the esbuild plugin, run
// each built bundle under `snapshot-restore emulate`, and print one row per project.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const repoDir = path.resolve(args.find((a, i) => !a.startsWith('--') && !['--out', '--only'].includes(args[i - 1])) ?? '');
const outName = args.includes('--out') ? args[args.indexOf('--out') + 1] : 'scores';
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : null;
if (!fs.existsSync(path.join(repoDir, 'dist/cli/main.js')) || !fs.existsSync(path.join(repoDir, 'runtime/dist'))) {
  console.error(`${repoDir}: no dist/cli/main.js or runtime/dist: run \`npm run build\` there first`);
  process.exit(2);
}

// The projects resolve `snapshot-restore` and `snapshot-restore-tools` through here.
const nm = path.join(here, 'node_modules');
for (const [name, target] of [['snapshot-restore', path.join(repoDir, 'runtime')], ['snapshot-restore-tools', repoDir]]) {
  fs.rmSync(path.join(nm, name), { recursive: true, force: true });
  fs.symlinkSync(target, path.join(nm, name));
}
const cli = path.join(repoDir, 'dist/cli/main.js');

const ANSI = /\u001b\[[0-9;]*m/g;
function child(script, argv, cwd, timeout = 300000) {
  const r = spawnSync(process.execPath, [script, ...argv], { cwd, encoding: 'utf8', timeout, maxBuffer: 128 << 20 });
  return { status: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}
function mainText(text) {
  return String(text ?? '')
    .replace(ANSI, '')
    .split('\n')[0]
    .replace(/^\s*[\w./@-]+:\d+:\d+:?\s+(?=\[SR)/, '') // Vite: "file:line:column [SR001] ..."
    .replace(/^.*?(?=\[SR\d{3}\])/, '')
    .replace(/\s*\[plugin [^\]]+\]\s*$/, '')
    .trim();
}
function codeOf(text) {
  return /\[(SR\d{3})\]/.exec(String(text))?.[1] ?? null;
}
function findingKey(f, withSeverity = true) {
  return `${f.code}${withSeverity ? ` ${f.severity}` : ''} ${f.file}:${f.line}:${f.column}`;
}
function normFindings(messages) {
  const out = [];
  for (const m of messages) {
    const text = String(m.text ?? '');
    // One build error may list several error findings: split it on the codes.
    const parts = text.split(/(?=\[SR\d{3}\])/).filter((p) => codeOf(p));
    if (parts.length > 1 && m.severity === 'error') {
      for (const p of parts) {
        const loc = /([\w./@-]+\.[cm]?[jt]sx?):(\d+):(\d+)/.exec(p);
        out.push({ code: codeOf(p), severity: 'error', file: loc?.[1] ?? m.file, line: loc ? Number(loc[2]) : m.line, column: loc ? Number(loc[3]) : m.column, text: mainText(p), split: true });
      }
      continue;
    }
    const code = codeOf(text);
    if (!code) continue;
    out.push({ code, severity: m.severity, file: m.file, line: m.line, column: m.column, text: mainText(text) });
  }
  const seen = new Set();
  return out.filter((f) => {
    const k = `${findingKey(f)} ${f.text}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
function manifestEntries(man) {
  const map = new Map();
  if (!man) return map;
  const hooks = (list) => (list ?? []).map((h) => `${h.name} | ${h.expression} | ${h.file}:${h.line}:${h.column} | ${h.kind}`);
  const one = (e) => ({ before: hooks(e.beforeSnapshot), after: hooks(e.afterRestore), lazy: JSON.stringify(e.lazy ?? []), output: e.output, names: { before: (e.beforeSnapshot ?? []).map((h) => h.name), after: (e.afterRestore ?? []).map((h) => h.name) } });
  if (Array.isArray(man.entries)) for (const e of man.entries) map.set(e.entryPoint, one(e));
  else if (man.entryPoint) map.set(man.entryPoint, one(man));
  return map;
}
function diagSet(man) {
  return (man?.diagnostics ?? []).map((d) => `${d.code} ${d.severity} ${d.file}:${d.line}:${d.column} | ${mainText(d.text)}`).sort();
}
function listDiff(label, a, b) {
  const out = [];
  const A = new Set(a);
  const B = new Set(b);
  for (const x of a) if (!B.has(x)) out.push(`${label} only in tool: ${x}`);
  for (const x of b) if (!A.has(x)) out.push(`${label} only in esbuild: ${x}`);
  if (!out.length && JSON.stringify(a) !== JSON.stringify(b)) out.push(`${label} order: tool [${a.join(' ; ')}] esbuild [${b.join(' ; ')}]`);
  return out;
}
function findManifests(projectDir) {
  const found = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (['node_modules', '.heldout-ref'].includes(e.name)) continue;
      if (d === projectDir && ['src', 'lambda', 'test', 'scripts'].includes(e.name)) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'snapshot-restore.manifest.json') found.push(p);
    }
  };
  walk(projectDir);
  return found;
}
function parseEmulate(stdout) {
  const lines = stdout.split('\n');
  const start = lines.findIndex((l) => l === '{');
  if (start < 0) return null;
  try {
    return JSON.parse(lines.slice(start).join('\n'));
  } catch {
    return null;
  }
}

const projectsDir = path.join(here, 'projects');
const projects = fs
  .readdirSync(projectsDir)
  .filter((d) => /^\d\d-/.test(d) && fs.existsSync(path.join(projectsDir, d, 'heldout.json')))
  .filter((d) => !only || only.some((o) => d.startsWith(o)))
  .sort();

const rows = [];
for (const name of projects) {
  const dir = path.join(projectsDir, name);
  const spec = JSON.parse(fs.readFileSync(path.join(dir, 'heldout.json'), 'utf8'));
  const row = { project: name, tool: spec.tool, builds: null, findings: null, hoisting: null, manifest: null, runs: null, diffs: [], notes: [] };
  rows.push(row);
  process.stderr.write(`${name} (${spec.tool}) ... `);
  const t0 = Date.now();

  // (1) build with the project's own tool and configuration
  const b = child(path.join(here, 'lib/build.mjs'), [dir, repoDir], dir);
  const marker = b.stdout.lastIndexOf('@@HELDOUT@@');
  let built = null;
  if (marker >= 0) built = JSON.parse(b.stdout.slice(marker + 11).trim());
  if (!built) {
    row.builds = false;
    row.diffs.push(`build runner died (status ${b.status}${b.signal ? `, ${b.signal}` : ''}): ${(b.stderr || b.stdout).replace(ANSI, '').trim().split('\n').slice(-3).join(' | ')}`);
  } else {
    row.builds = built.ok;
    if (!built.ok) row.diffs.push(`build failed: ${built.error}`);
  }
  row.raw = { build: built, buildStderr: b.stderr.slice(-2000) };

  if (spec.tool === 'jest' || spec.tool === 'vitest') {
    const t = built?.extra?.tests;
    row.findings = row.manifest = row.hoisting = 'n/a';
    row.runs = !!t && t.failed === 0 && t.suitesFailed === 0 && t.total > 0;
    if (t) row.notes.push(`tests: ${t.passed}/${t.total} passed`);
    if (t && !row.runs) row.diffs.push(`tests failed: ${t.failures.map((f) => f.replace(ANSI, '').split('\n').filter(Boolean).slice(0, 6).join(' | ')).join(' || ')}`);
    if (!t) row.diffs.push(`no test report: ${(built?.extra?.output ?? '').split('\n').slice(-8).join(' | ')}`);
    process.stderr.write(`${((Date.now() - t0) / 1000).toFixed(1)}s\n`);
    continue;
  }

  // (2) the reference: esbuild + the esbuild plugin
  const r = child(path.join(here, 'lib/reference.mjs'), [dir], dir);
  let ref = null;
  try {
    ref = JSON.parse(r.stdout);
  } catch {
    row.diffs.push(`reference build died: ${r.stderr.split('\n').slice(0, 3).join(' | ')}`);
  }
  row.raw.reference = ref;
  const refMessages = ref ? Object.values(ref).flatMap((x) => x.messages) : [];
  for (const [fmt, x] of Object.entries(ref ?? {})) if (x.error) row.notes.push(`reference (${fmt}) build failed: ${x.error}`);
  let refFindings = normFindings(refMessages);
  let toolFindings = built ? normFindings(built.messages) : [];
  // tsup's logger prints esbuild's messages without their backticks: compare them without.
  if (spec.tool === 'tsup') for (const f of [...toolFindings, ...refFindings]) f.text = f.text.replaceAll('`', '');
  const isEslint = spec.tool === 'eslint';
  if (isEslint) refFindings = refFindings.filter((f) => !['SR003', 'SR004', 'SR007'].includes(f.code));
  if (built) {
    const withSeverity = !isEslint;
    const tk = toolFindings.map((f) => findingKey(f, withSeverity)).sort();
    const rk = refFindings.map((f) => findingKey(f, withSeverity)).sort();
    const d = listDiff('finding', tk, rk);
    // the same finding must read the same (docs/checks.md: every output reads the same)
    const textDiffs = [];
    if (!isEslint) {
      for (const f of toolFindings) {
        const g = refFindings.find((x) => findingKey(x) === findingKey(f));
        if (g && g.text !== f.text) textDiffs.push(`text of ${findingKey(f)}: tool "${f.text.slice(0, 160)}" esbuild "${g.text.slice(0, 160)}"`);
      }
    } else {
      for (const f of toolFindings) {
        const g = refFindings.find((x) => findingKey(x, false) === findingKey(f, false));
        if (g && g.severity !== f.severity) row.notes.push(`ESLint ${findingKey(f, false)} is ${f.severity}, the build's ${g.severity} (${g.text.includes('hoisted') ? 'the build hoisted it' : 'same finding'})`);
      }
    }
    row.findings = d.length === 0 && textDiffs.length === 0;
    row.diffs.push(...d, ...textDiffs);
    const hoisted = (list) => list.filter((f) => /hoisted/.test(f.text)).map((f) => findingKey(f, false)).sort();
    if (!isEslint) {
      const th = hoisted(toolFindings);
      const rh = hoisted(refFindings);
      row.hoisting = JSON.stringify(th) === JSON.stringify(rh);
      if (!row.hoisting) row.diffs.push(`hoisting: tool hoisted [${th.join(', ')}] esbuild hoisted [${rh.join(', ')}]`);
    } else row.hoisting = 'n/a';
  }
  row.counts = { tool: toolFindings.length, esbuild: refFindings.length };

  // (3) the manifest, beside the bundles
  let toolManifests = [];
  if (!isEslint) {
    const files = findManifests(dir);
    toolManifests = files.map((f) => ({ file: path.relative(dir, f), man: JSON.parse(fs.readFileSync(f, 'utf8')) }));
    if (!files.length) {
      row.manifest = false;
      row.diffs.push('no snapshot-restore.manifest.json written');
    } else {
      const diffs = [];
      for (const { file, man } of toolManifests) {
        const entries = manifestEntries(man);
        const outputs = [...entries.values()].map((e) => e.output ?? man.output ?? '');
        const fmt = ref?.esm && ref?.cjs ? (outputs.some((o) => /\.mjs$/.test(o)) ? 'esm' : 'cjs') : Object.keys(ref ?? {})[0];
        const refMan = ref?.[fmt]?.manifest;
        if (toolManifests.length > 1) row.notes.push(`manifest ${file} compared with the esbuild ${fmt} build`);
        if (!refMan) {
          diffs.push(`esbuild reference wrote no manifest (${fmt})`);
          continue;
        }
        const refEntries = manifestEntries(refMan);
        const keys = new Set([...entries.keys(), ...refEntries.keys()]);
        for (const k of keys) {
          const a = entries.get(k);
          const e = refEntries.get(k);
          if (!a) {
            diffs.push(`${file}: entry ${k} missing (esbuild has it)`);
            continue;
          }
          if (!e) {
            diffs.push(`${file}: entry ${k} not in esbuild's manifest`);
            continue;
          }
          diffs.push(...listDiff(`${k} beforeSnapshot`, a.before, e.before), ...listDiff(`${k} afterRestore`, a.after, e.after));
          if (a.lazy !== e.lazy) diffs.push(`${k} lazy: tool ${a.lazy} esbuild ${e.lazy}`);
        }
        diffs.push(...listDiff(`${file} diagnostic`, diagSet(man), diagSet(refMan)));
      }
      row.manifest = diffs.length === 0;
      row.diffs.push(...diffs);
    }
  } else row.manifest = 'n/a';

  // (4) run each bundle: a snapshot and a restore under `snapshot-restore emulate`
  if (!isEslint) {
    const runs = [];
    for (const bundle of spec.bundles) {
      const out = path.join(dir, bundle.out);
      if (!fs.existsSync(out)) {
        runs.push({ bundle: bundle.out, ok: false, why: 'bundle not built' });
        continue;
      }
      const e = spawnSync(process.execPath, [cli, 'emulate', bundle.out, '--restores', '1', '--json', '--quiet', '--show-output', '--init-timeout', '60'], { cwd: dir, encoding: 'utf8', timeout: 180000, maxBuffer: 64 << 20 });
      const report = parseEmulate(e.stdout ?? '');
      const markers = [...(e.stdout ?? '').matchAll(/^hook:([\w.$]+)\s*$/gm)].map((m) => m[1]);
      // expected: the manifest's lists (the tool's, else esbuild's), before-snapshot then after-restore
      let expected = null;
      const fmt = bundle.format ?? spec.format;
      for (const m of [...toolManifests.map((t) => t.man), ref?.[fmt]?.manifest]) {
        const entries = manifestEntries(m);
        const en = entries.size === 1 && !Array.isArray(m?.entries) ? [...entries.values()][0] : entries.get(bundle.entry);
        if (en) {
          expected = [...en.names.before, ...en.names.after];
          break;
        }
      }
      const invokesOk = report?.restores?.length > 0 && report.restores.every((x) => x.invokes?.length && x.invokes.every((i) => i.ok));
      const orderOk = expected ? JSON.stringify(markers) === JSON.stringify(expected) : false;
      runs.push({ bundle: bundle.out, status: e.status, mode: report?.mode, ok: e.status === 0 && invokesOk && orderOk, invokesOk, markers, expected, emulateHooks: report?.hooks, error: e.status !== 0 || !report ? (e.stderr || e.stdout || '').replace(ANSI, '').trim().split('\n').slice(-4).join(' | ') : undefined });
    }
    row.raw.runs = runs;
    row.runs = runs.length > 0 && runs.every((x) => x.ok);
    for (const x of runs) {
      if (x.ok) continue;
      if (x.why) row.diffs.push(`run ${x.bundle}: ${x.why}`);
      else row.diffs.push(`run ${x.bundle}: emulate exit ${x.status}${x.invokesOk ? '' : ', invoke failed'}; hooks ran [${x.markers.join(', ')}] manifest says [${(x.expected ?? ['?']).join(', ')}]${x.error ? `; ${x.error.slice(0, 400)}` : ''}`);
    }
  } else row.runs = 'n/a';
  process.stderr.write(`${((Date.now() - t0) / 1000).toFixed(1)}s\n`);
}

// the table
const mark = (v) => (v === true ? 'yes' : v === false ? 'NO' : v ?? '-');
const head = ['project', 'tool', 'builds', 'findings equal', 'hoisting equal', 'manifest equal', 'runs'];
const table = rows.map((r) => [r.project, r.tool, mark(r.builds), mark(r.findings), mark(r.hoisting), mark(r.manifest), mark(r.runs)]);
const widths = head.map((h, i) => Math.max(h.length, ...table.map((t) => String(t[i]).length)));
const fmtRow = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
let text = `snapshot-restore held-out adapter set: ${repoDir} (${new Date().toISOString()})\n\n${fmtRow(head)}\n${fmtRow(widths.map((w) => '-'.repeat(w)))}\n${table.map(fmtRow).join('\n')}\n`;
const count = (k) => rows.filter((r) => r[k] === true).length;
const applicable = (k) => rows.filter((r) => r[k] !== 'n/a').length;
text += `\nbuilds ${count('builds')}/${rows.length}, findings ${count('findings')}/${applicable('findings')}, hoisting ${count('hoisting')}/${applicable('hoisting')}, manifest ${count('manifest')}/${applicable('manifest')}, runs ${count('runs')}/${applicable('runs')}\n`;
for (const r of rows) {
  if (!r.diffs.length && !r.notes.length) continue;
  text += `\n## ${r.project}\n`;
  for (const d of r.diffs) text += `- ${d}\n`;
  for (const n of r.notes) text += `  (note) ${n}\n`;
}
fs.writeFileSync(path.join(here, `${outName}.txt`), text);
fs.writeFileSync(path.join(here, `${outName}.json`), JSON.stringify({ repoDir, date: new Date().toISOString(), rows }, null, 2));
process.stdout.write(text);
