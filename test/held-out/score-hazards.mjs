// The scorer of the held-out hazard sets (test/held-out/hazards, hazards-2, hazards-3): each
// set's score.mjs calls scoreHazards with its own folder and options.
//
//   node test/held-out/<set>/score.mjs <repoDir> [--json] [--out <prefix>]   (--out writes <prefix>.json and <prefix>.txt)
//
// For every handler in handlers/ (top-level files; handlers/lib/ holds modules they import) it runs
//   - the CLI:            node <repoDir>/dist/cli/main.js check <file> --format json
//   - `check --run`:      only if `check --help` mentions --run (skipped otherwise)
//   - the esbuild plugin: <repoDir>/dist/plugin/esbuild/index.js in a real in-memory esbuild build
//   - ESLint:             <repoDir>/dist/plugin/eslint/index.js, recommended config, TypeScript parser
// and compares the SR1xx findings, per line and code, with the `// expect: CODES (reason)` /
// `// expect: none (reason)` comments of every file under handlers/ (a line without a comment
// expects silence), as test/integration/lint-corpus.test.ts does. A file that a tool cannot
// analyse at all (a build error) counts its expected findings as missed and is listed.
//
// `snapshot-restore` must resolve from this folder: node_modules/snapshot-restore is made a symlink
// to the repo's runtime package (<repoDir>/runtime when it has its own package.json named
// snapshot-restore, else <repoDir>). Modules that cannot be resolved (optional drivers that
// typeorm, bullmq and others require lazily) are left external and the build is retried.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * `root`: the set's folder (handlers/ and node_modules/ in it); `baseExternal`: modules left
 * external from the start (native or optional modules no handler of the set needs bundled);
 * `perCode`: a per-code line in the text report and `byCode` in the JSON.
 */
export async function scoreHazards({ root, baseExternal, perCode = true }) {
  const handlersDir = path.join(root, 'handlers');
  const args = process.argv.slice(2);
  const asJson = args.includes('--json');
  const outIndex = args.indexOf('--out');
  const outPrefix = outIndex >= 0 ? args[outIndex + 1] : undefined;
  // --tools check,run,esbuild,eslint: score only those tools (`run` is `check --run`).
  const toolsIndex = args.indexOf('--tools');
  const only = toolsIndex >= 0 ? new Set(args[toolsIndex + 1].split(',')) : undefined;
  const wants = (name) => !only || only.has(name);
  const repoArg = args.find((a, i) => !a.startsWith('--') && (outIndex < 0 || i !== outIndex + 1) && (toolsIndex < 0 || i !== toolsIndex + 1));
  if (!repoArg) {
    console.error('usage: node score.mjs <repoDir> [--json] [--out <prefix>]  (--out writes <prefix>.json and <prefix>.txt)');
    process.exit(2);
  }
  const repoDir = path.resolve(repoArg);
  const cliMain = path.join(repoDir, 'dist/cli/main.js');
  if (!fs.existsSync(cliMain)) {
    console.error(`${cliMain} is missing: run \`npm run build\` in ${repoDir} first`);
    process.exit(2);
  }

  const BASE_EXTERNAL = baseExternal;

  // ---------------------------------------------------------------------------------------------
  // The runtime package: node_modules/snapshot-restore → the repo's runtime.
  function linkRuntime() {
    const candidates = [path.join(repoDir, 'runtime'), repoDir];
    const runtimeDir = candidates.find((dir) => {
      try {
        return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).name === 'snapshot-restore';
      } catch {
        return false;
      }
    });
    if (!runtimeDir) throw new Error(`no package named snapshot-restore at ${candidates.join(' or ')}`);
    const link = path.join(root, 'node_modules/snapshot-restore');
    let current;
    try {
      current = fs.readlinkSync(link);
    } catch {
      current = undefined;
    }
    if (current !== runtimeDir) {
      fs.rmSync(link, { recursive: true, force: true });
      fs.mkdirSync(path.dirname(link), { recursive: true });
      fs.symlinkSync(runtimeDir, link, 'dir');
    }
    return runtimeDir;
  }

  // ---------------------------------------------------------------------------------------------
  // Expectations.
  const EXPECT = /\/\/ expect: ([^(]*?)\s*\((.+)\)\s*$/;
  const SOURCE = /\.(?:ts|mts|cts|js|mjs|cjs)$/;

  function walk(dir) {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : SOURCE.test(e.name) ? [path.join(dir, e.name)] : []));
  }

  function readExpectations() {
    const expectations = new Map();
    for (const abs of walk(handlersDir).sort()) {
      const file = path.relative(root, abs);
      fs.readFileSync(abs, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          if (!line.includes('// expect:')) return;
          const match = EXPECT.exec(line);
          if (!match) throw new Error(`${file}:${index + 1}: an expectation needs a reason: \`// expect: SR107 (why)\``);
          const codes = match[1] === 'none' ? [] : match[1].split(/[\s,]+/).filter(Boolean);
          for (const code of codes) if (!/^SR1\d\d$/.test(code)) throw new Error(`${file}:${index + 1}: not a uniqueness code: ${code}`);
          expectations.set(`${file}:${index + 1}`, { codes, reason: match[2] });
        });
    }
    return expectations;
  }

  const entries = fs
    .readdirSync(handlersDir)
    .filter((f) => SOURCE.test(f) && fs.statSync(path.join(handlersDir, f)).isFile())
    .sort()
    .map((f) => `handlers/${f}`);

  const isUniqueness = (code) => /^SR1\d\d$/.test(code ?? '');
  const rel = (file) => path.relative(root, path.resolve(root, file));
  const unresolved = (text) => [...String(text).matchAll(/Could not resolve "([^"]+)"/g)].map((m) => m[1]);

  // ---------------------------------------------------------------------------------------------
  // Tools. Each returns { findings: ['file:line CODE'], errors: [{ file, message }] }.
  function cliHelp() {
    const r = spawnSync(process.execPath, [cliMain, 'check', '--help'], { cwd: root, encoding: 'utf8' });
    return `${r.stdout}${r.stderr}`;
  }

  function runCheck(extraArgs) {
    const findings = [];
    const errors = [];
    for (const entry of entries) {
      const external = [...BASE_EXTERNAL];
      for (let attempt = 0; attempt < 8; attempt++) {
        const argv = [cliMain, 'check', ...extraArgs, entry, '--format', 'json', ...external.flatMap((e) => ['--external', e])];
        const r = spawnSync(process.execPath, argv, { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20, timeout: 180_000 });
        let report;
        try {
          report = JSON.parse(r.stdout);
        } catch {
          report = undefined;
        }
        const failure = report?.error ?? (report ? undefined : `${r.stderr || r.stdout}`.trim() || `exit ${r.status}`);
        const missing = unresolved(`${JSON.stringify(report?.error ?? '')}${r.stderr}`).filter((m) => !external.includes(m));
        if (failure && missing.length > 0) {
          external.push(...missing);
          continue;
        }
        if (!report || !Array.isArray(report.findings)) {
          errors.push({ file: entry, message: String(typeof failure === 'string' ? failure : JSON.stringify(failure)).split('\n')[0].slice(0, 300) });
          break;
        }
        for (const f of report.findings) if (isUniqueness(f.code) && f.location) findings.push(`${rel(f.location.file)}:${f.location.line} ${f.code}`);
        break;
      }
    }
    return { findings, errors };
  }

  async function runEsbuild() {
    const findings = [];
    const errors = [];
    const req = (await import('node:module')).createRequire(path.join(repoDir, 'package.json'));
    const esbuild = req('esbuild');
    const { snapshotRestore } = await import(pathToFileURL(path.join(repoDir, 'dist/plugin/esbuild/index.js')).href);
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-heldout-'));
    try {
      for (const entry of entries) {
        const external = [...BASE_EXTERNAL];
        for (let attempt = 0; attempt < 8; attempt++) {
          let result;
          try {
            result = await esbuild.build({
              absWorkingDir: root,
              entryPoints: [entry],
              outdir,
              bundle: true,
              platform: 'node',
              format: entry.endsWith('.cjs') ? 'cjs' : 'esm',
              target: 'node20',
              external,
              write: false,
              logLevel: 'silent',
              plugins: [snapshotRestore({ manifest: false })],
            });
          } catch (failure) {
            result = { warnings: failure.warnings ?? [], errors: failure.errors ?? [{ text: String(failure) }], failed: true };
          }
          const missing = result.errors.flatMap((e) => unresolved(e.text)).filter((m) => !external.includes(m));
          if (missing.length > 0) {
            external.push(...missing);
            continue;
          }
          const plugin = [...result.warnings, ...result.errors].filter((m) => m.pluginName === 'snapshot-restore' && isUniqueness(m.id) && m.location);
          for (const m of plugin) findings.push(`${rel(m.location.file)}:${m.location.line} ${m.id}`);
          const other = result.errors.filter((e) => e.pluginName !== 'snapshot-restore' || !e.id?.startsWith?.('SR'));
          if (other.length > 0 && plugin.length === 0) errors.push({ file: entry, message: other[0].text.split('\n')[0].slice(0, 300) });
          break;
        }
      }
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
    return { findings, errors };
  }

  async function runEslint() {
    const req = (await import('node:module')).createRequire(path.join(repoDir, 'package.json'));
    const { ESLint } = req('eslint');
    let parser;
    try {
      parser = req('typescript-eslint').parser;
    } catch {
      parser = req('@typescript-eslint/parser');
    }
    const pluginPath = [path.join(repoDir, 'dist/plugin/eslint/index.js')].find((p) => fs.existsSync(p));
    if (!pluginPath) throw new Error('no ESLint plugin at dist/plugin/eslint/index.js');
    const mod = await import(pathToFileURL(pluginPath).href);
    const plugin = mod.default ?? mod;
    const ruleCodes = mod.ruleCodes ?? {};
    const eslint = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [
        { files: ['**/*.ts', '**/*.mts', '**/*.cts'], languageOptions: { parser } },
        { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
        plugin.configs.recommended,
      ],
    });
    const files = walk(handlersDir).map((f) => path.relative(root, f));
    const results = await eslint.lintFiles(files);
    const findings = [];
    const errors = [];
    for (const result of results) {
      const file = path.relative(root, result.filePath);
      for (const m of result.messages) {
        if (!m.ruleId) {
          errors.push({ file, message: m.message.slice(0, 300) });
          continue;
        }
        if (!m.ruleId.startsWith('snapshot-restore/')) continue;
        const code = ruleCodes[m.ruleId.slice('snapshot-restore/'.length)] ?? m.ruleId;
        if (isUniqueness(code)) findings.push(`${file}:${m.line} ${code}`);
      }
    }
    return { findings, errors };
  }

  // ---------------------------------------------------------------------------------------------
  // Scoring, as lint-corpus.test.ts.
  function score(findings, expectations, errors) {
    const found = new Map();
    for (const finding of new Set(findings)) {
      const [place, code] = finding.split(' ');
      found.set(place, (found.get(place) ?? new Set()).add(code));
    }
    const s = { tp: 0, fp: 0, fn: 0, falsePositives: [], falseNegatives: [], errors };
    for (const place of new Set([...found.keys(), ...expectations.keys()])) {
      const actual = found.get(place) ?? new Set();
      const expected = expectations.get(place);
      const wanted = new Set(expected?.codes ?? []);
      for (const code of actual) {
        if (wanted.has(code)) s.tp++;
        else {
          s.fp++;
          s.falsePositives.push({ place, code, expected: expected ? expected.codes.join(' ') || 'none' : 'silence', reason: expected?.reason ?? '' });
        }
      }
      for (const code of wanted) {
        if (actual.has(code)) continue;
        s.fn++;
        s.falseNegatives.push({ place, code, reason: expected.reason });
      }
    }
    const byPlace = (a, b) => a.place.localeCompare(b.place, 'en', { numeric: true });
    s.falsePositives.sort(byPlace);
    s.falseNegatives.sort(byPlace);
    if (perCode) {
      s.byCode = {};
      for (const e of expectations.values()) for (const c of e.codes) (s.byCode[c] ??= { expected: 0, found: 0, falseAlarms: 0 }).expected++;
      for (const [place, e] of expectations) for (const c of e.codes) if (found.get(place)?.has(c)) s.byCode[c].found++;
      for (const f of s.falsePositives) (s.byCode[f.code] ??= { expected: 0, found: 0, falseAlarms: 0 }).falseAlarms++;
    }
    s.precision = s.tp / (s.tp + s.fp || 1);
    s.recall = s.tp / (s.tp + s.fn || 1);
    return s;
  }

  // ---------------------------------------------------------------------------------------------
  const runtimeDir = linkRuntime();
  const expectations = readExpectations();
  const help = cliHelp();
  const hasRun = /(^|\s)--run\b/.test(help);

  const tools = {};
  const timed = async (name, fn) => {
    const t0 = Date.now();
    try {
      const { findings, errors } = await fn();
      tools[name] = { ...score(findings, expectations, errors), seconds: (Date.now() - t0) / 1000 };
    } catch (error) {
      tools[name] = { skipped: `failed to run: ${String(error?.message ?? error).split('\n')[0]}` };
    }
  };
  if (wants('check')) await timed('check', () => runCheck([]));
  if (wants('run') && hasRun) await timed('check --run', () => runCheck(['--run']));
  else if (wants('run')) tools['check --run'] = { skipped: '`check --help` has no --run' };
  if (wants('esbuild')) await timed('esbuild', runEsbuild);
  if (wants('eslint')) await timed('eslint', runEslint);

  const positives = {};
  let negatives = 0;
  for (const e of expectations.values()) {
    if (e.codes.length === 0) negatives++;
    for (const c of e.codes) positives[c] = (positives[c] ?? 0) + 1;
  }
  let commit = '';
  try {
    commit = execFileSync('git', ['-C', repoDir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['-C', repoDir, 'status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim();
    if (dirty) commit += ` (+ uncommitted changes in ${dirty.split('\n').length} tracked files)`;
  } catch {
    commit = 'unknown';
  }

  const summary = {
    repo: repoDir,
    commit,
    runtime: runtimeDir,
    handlers: entries.length,
    files: walk(handlersDir).length,
    labels: { lines: expectations.size, positives, negatives },
    tools,
  };

  {
    const pct = (x) => `${(x * 100).toFixed(1)} %`;
    const out = [];
    out.push(`repo ${repoDir} @ ${commit}`);
    out.push(`handlers ${entries.length} (files ${summary.files}), labelled lines ${expectations.size}: positives ${Object.entries(positives).sort().map(([c, n]) => `${c} ${n}`).join(', ')}; negatives (expect: none) ${negatives}`);
    out.push('');
    out.push('| tool | TP | FP | FN | precision | recall | files not analysed |');
    out.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const [name, t] of Object.entries(tools)) {
      if (t.skipped) out.push(`| ${name} | – | – | – | – | – | skipped: ${t.skipped} |`);
      else out.push(`| ${name} | ${t.tp} | ${t.fp} | ${t.fn} | ${pct(t.precision)} | ${pct(t.recall)} | ${t.errors.length} |`);
    }
    for (const [name, t] of Object.entries(tools)) {
      if (t.skipped) continue;
      out.push('');
      out.push(`## ${name}`);
      if (perCode) out.push(`per code (found/expected, false alarms): ${Object.entries(t.byCode).sort().map(([c, b]) => `${c} ${b.found}/${b.expected} fp ${b.falseAlarms}`).join(', ')}`);
      for (const e of t.errors) out.push(`- not analysed: ${e.file}: ${e.message}`);
      for (const f of t.falseNegatives) out.push(`- FN ${f.place} ${f.code} (${f.reason})`);
      for (const f of t.falsePositives) out.push(`- FP ${f.place} ${f.code}, expected ${f.expected}${f.reason ? ` (${f.reason})` : ''}`);
    }
    if (outPrefix) {
      fs.writeFileSync(`${outPrefix}.json`, `${JSON.stringify(summary, null, 2)}\n`);
      fs.writeFileSync(`${outPrefix}.txt`, `${out.join('\n')}\n`);
    }
    console.log(asJson ? JSON.stringify(summary, null, 2) : out.join('\n'));
  }
}
