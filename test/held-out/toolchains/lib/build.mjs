// Builds one project with its own tool and configuration, the way that tool's CLI would, and
// collects the findings as that tool shows them. Prints JSON on stdout:
// { ok, error, messages: [{ severity, text, file, line, column, raw }], extra }
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const projectDir = path.resolve(process.argv[2]);
const repoDir = process.argv[3] ? path.resolve(process.argv[3]) : null;
process.chdir(projectDir);
const spec = JSON.parse(fs.readFileSync('heldout.json', 'utf8'));
const require = createRequire(path.join(projectDir, 'package.json'));
const configPath = path.join(projectDir, spec.config);
for (const c of spec.clean ?? []) fs.rmSync(path.join(projectDir, c), { recursive: true, force: true });

const ANSI = /\u001b\[[0-9;]*m/g;
const messages = [];
const extra = {};
let ok = true;
let error = null;

// A message's place: the tool's own fields first, else the first `file:line:column` in its text.
function place(text) {
  const m = /(?:^|\s|\()([\w./@-]+\.[cm]?[jt]sx?):(\d+):(\d+)/.exec(text);
  return m ? { file: m[1], line: Number(m[2]), column: Number(m[3]) } : { file: null, line: null, column: null };
}
function rel(file) {
  if (!file) return null;
  const f = file.replace(/^.*!/, '').replace(/\?.*$/, '');
  return path.isAbsolute(f) ? path.relative(projectDir, f) : f.replace(/^\.\//, '');
}
function add(severity, text, loc = {}) {
  text = String(text ?? '').replace(ANSI, '');
  const p = place(text);
  messages.push({ severity, text, file: rel(loc.file) ?? p.file, line: loc.line ?? p.line, column: loc.column ?? p.column });
}

async function loadConfig() {
  const mod = await import(pathToFileURL(configPath).href);
  let config = mod.default ?? mod;
  if (typeof config === 'function') config = await config({}, {});
  return config;
}

function webpackLike(compilerFactory) {
  return loadConfig().then(
    (config) =>
      new Promise((resolve) => {
        compilerFactory(config, (err, stats) => {
          if (err) {
            ok = false;
            error = String(err.stack ?? err).split('\n').slice(0, 3).join(' | ');
            return resolve();
          }
          const json = stats.toJson({ all: false, errors: true, warnings: true, moduleTrace: false });
          const each = (list, severity) => {
            for (const w of list) {
              const text = typeof w === 'string' ? w : w.message;
              let loc = {};
              if (w.loc && /^\d+:\d+/.test(w.loc)) {
                const [line, column] = w.loc.split(/[:-]/).map(Number);
                loc = { file: w.file ?? w.moduleName ?? null, line, column };
              }
              if (!loc.file && w.file) loc = { file: w.file };
              add(severity, text, loc);
            }
          };
          each(json.errors, 'error');
          each(json.warnings, 'warning');
          if (stats.hasErrors()) {
            ok = false;
            error = `${json.errors.length} compilation error(s)`;
          }
          const compiler = stats.compilation.compiler;
          if (compiler.close) compiler.close(() => resolve());
          else resolve();
        });
      }),
  );
}

async function rollupLike(kind) {
  let configs;
  if (kind === 'rollup') {
    const { loadConfigFile } = require('rollup/loadConfigFile');
    const loaded = await loadConfigFile(configPath, {}, false);
    configs = loaded.options;
  } else {
    configs = await loadConfig();
    if (!Array.isArray(configs)) configs = [configs];
  }
  const bundler = kind === 'rollup' ? (await import(require.resolve('rollup'))).rollup : (await import(require.resolve('rolldown'))).rolldown;
  for (const config of configs) {
    const outputs = Array.isArray(config.output) ? config.output : [config.output];
    const input = { ...config, output: undefined };
    input.onLog = (level, log) => {
      if (level === 'warn' || level === 'error') add(level === 'warn' ? 'warning' : 'error', log.message, log.loc ? { file: log.loc.file ?? log.id, line: log.loc.line, column: log.loc.column } : {});
    };
    delete input.onwarn;
    let bundle;
    try {
      bundle = await bundler(input);
      for (const o of outputs) await bundle.write(o);
    } catch (e) {
      ok = false;
      error = String(e.message ?? e).split('\n')[0].slice(0, 300);
      add('error', e.message ?? String(e), e.loc ? { file: e.loc.file ?? e.id, line: e.loc.line, column: e.loc.column } : {});
    } finally {
      await bundle?.close?.();
    }
  }
}

async function vite() {
  const { build, createLogger } = await import(require.resolve('vite'));
  const base = createLogger('warn');
  const logger = {
    ...base,
    info() {},
    warn(msg, o) { add('warning', msg); },
    warnOnce(msg, o) { add('warning', msg); },
    error(msg, o) { add('error', msg); },
  };
  try {
    await build({ root: projectDir, configFile: configPath, customLogger: logger, logLevel: 'warn' });
  } catch (e) {
    ok = false;
    error = String(e.message ?? e).split('\n')[0].slice(0, 300);
    add('error', e.message ?? String(e));
  }
}

// esbuild-formatted messages printed by a CLI (tsup): "▲ [WARNING] text\n\n    file:line:col:"
function parseEsbuildOutput(out) {
  const lines = out.replace(ANSI, '').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*(?:WARN|ERROR)?\s*(?:[▲✘X]\s*)?\[(WARNING|ERROR)\]\s+(.*)$/.exec(lines[i]);
    if (!m) continue;
    let loc = {};
    for (let j = i + 1; j < Math.min(lines.length, i + 6); j++) {
      const l = /^\s+(\S+):(\d+):(\d+):\s*$/.exec(lines[j]);
      if (l) {
        loc = { file: l[1], line: Number(l[2]), column: Number(l[3]) };
        break;
      }
      if (/\[(WARNING|ERROR)\]/.test(lines[j])) break;
    }
    add(m[1] === 'ERROR' ? 'error' : 'warning', m[2].replace(/\s*\[plugin [^\]]+\]\s*$/, ''), loc);
  }
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: projectDir, encoding: 'utf8', timeout: 240000, maxBuffer: 64 << 20, ...opts });
  return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}`, stdout: r.stdout ?? '', signal: r.signal };
}

try {
  switch (spec.tool) {
    case 'webpack': {
      const webpack = (await import(require.resolve('webpack'))).default;
      await webpackLike(webpack);
      break;
    }
    case 'rspack': {
      const { rspack } = await import(require.resolve('@rspack/core'));
      await webpackLike(rspack);
      break;
    }
    case 'rollup':
    case 'rolldown':
      await rollupLike(spec.tool);
      break;
    case 'vite':
      await vite();
      break;
    case 'tsup': {
      const bin = path.join(path.dirname(require.resolve('tsup/package.json')), 'dist/cli-default.js');
      const r = run(process.execPath, [bin, '--config', spec.config]);
      extra.output = r.out.replace(ANSI, '').slice(-4000);
      parseEsbuildOutput(r.out);
      // tsup builds each format separately: the same finding is printed once per format.
      const seen = new Set();
      for (let i = messages.length - 1; i >= 0; i--) {
        const k = JSON.stringify(messages[i]);
        if (seen.has(k)) messages.splice(i, 1);
        else seen.add(k);
      }
      if (r.status !== 0) {
        ok = false;
        error = `tsup exited ${r.status}${r.signal ? ` (${r.signal})` : ''}: ${r.out.replace(ANSI, '').split('\n').filter((l) => /error/i.test(l)).slice(0, 2).join(' | ')}`;
      }
      break;
    }
    case 'cdk-cli': {
      const r = run(process.execPath, [spec.config]);
      extra.bundleOutput = r.out.slice(-2000);
      if (r.status !== 0) {
        ok = false;
        error = `esbuild CLI exited ${r.status}`;
        break;
      }
      const cli = path.join(repoDir, 'dist/cli/main.js');
      for (const b of spec.bundles) {
        const outdir = path.dirname(b.out);
        const m = run(process.execPath, [cli, 'manifest', '--bundle', b.out, '--metafile', b.metafile, '--outdir', outdir]);
        extra.manifestCommand = { status: m.status, output: m.out.slice(-3000) };
        if (m.status !== 0) {
          ok = false;
          error = `snapshot-restore manifest exited ${m.status}: ${m.out.split('\n')[0]}`;
        }
        const c = run(process.execPath, [cli, 'check', '--bundle', b.out, '--metafile', b.metafile, '--format', 'json']);
        extra.checkCommand = { status: c.status };
        let report;
        try {
          report = JSON.parse(c.stdout);
        } catch {
          extra.checkCommand.output = c.out.slice(-3000);
          ok = false;
          error = `snapshot-restore check printed no JSON (exit ${c.status})`;
          break;
        }
        extra.checkReportKeys = Object.keys(report);
        const list = report.findings ?? report.diagnostics ?? report.results ?? [];
        for (const f of list) {
          const loc = f.location ?? f;
          // The CLI's reports use 1-based columns (docs/bundlers.md); the plugins 0-based.
          // check's JSON gives the code in its own field and the message without the prefix.
          const msg = f.text ?? f.message ?? '';
          add(f.severity ?? f.level ?? 'warning', f.code && !msg.includes(`[${f.code}]`) ? `[${f.code}] ${msg}` : msg, {
            file: loc.file ?? null,
            line: loc.line ?? null,
            column: typeof loc.column === 'number' ? loc.column - 1 : null,
          });
        }
      }
      break;
    }
    case 'eslint': {
      const { ESLint } = await import(require.resolve('eslint'));
      const eslint = new ESLint({ cwd: projectDir });
      const results = await eslint.lintFiles(['.']);
      extra.files = results.map((r) => path.relative(projectDir, r.filePath));
      extra.otherRules = {};
      for (const r of results) {
        for (const m of r.messages) {
          if (!m.ruleId?.startsWith('snapshot-restore/')) {
            if (m.fatal) extra.otherRules[`fatal ${path.relative(projectDir, r.filePath)}`] = m.message;
            else extra.otherRules[m.ruleId] = (extra.otherRules[m.ruleId] ?? 0) + 1;
            continue;
          }
          // ESLint's columns are 1-based.
          add(m.severity === 2 ? 'error' : 'warning', m.message, { file: r.filePath, line: m.line, column: m.column - 1 });
          messages.at(-1).rule = m.ruleId;
        }
      }
      break;
    }
    case 'jest': {
      const bin = path.join(path.dirname(require.resolve('jest/package.json')), 'bin/jest.js');
      const outFile = path.join(projectDir, '.heldout-jest.json');
      fs.rmSync(outFile, { force: true });
      const r = run(process.execPath, [bin, '--ci', '--json', `--outputFile=${outFile}`]);
      extra.output = r.out.replace(ANSI, '').slice(-3000);
      if (!fs.existsSync(outFile)) {
        ok = false;
        error = `jest exited ${r.status} without a report`;
        break;
      }
      const rep = JSON.parse(fs.readFileSync(outFile, 'utf8'));
      extra.tests = { total: rep.numTotalTests, passed: rep.numPassedTests, failed: rep.numFailedTests, suitesFailed: rep.numFailedTestSuites, failures: rep.testResults.flatMap((t) => [t.message?.slice(0, 600)].filter(Boolean)) };
      break;
    }
    case 'vitest': {
      const bin = path.join(path.dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
      const outFile = path.join(projectDir, '.heldout-vitest.json');
      fs.rmSync(outFile, { force: true });
      const r = run(process.execPath, [bin, 'run', '-c', spec.config, '--reporter=json', `--outputFile=${outFile}`]);
      extra.output = r.out.replace(ANSI, '').slice(-3000);
      if (!fs.existsSync(outFile)) {
        ok = false;
        error = `vitest exited ${r.status} without a report`;
        break;
      }
      const rep = JSON.parse(fs.readFileSync(outFile, 'utf8'));
      extra.tests = { total: rep.numTotalTests, passed: rep.numPassedTests, failed: rep.numFailedTests, suitesFailed: rep.numFailedTestSuites, failures: rep.testResults.flatMap((t) => [t.message?.slice(0, 600)].filter(Boolean)) };
      break;
    }
    default:
      throw new Error(`unknown tool ${spec.tool}`);
  }
} catch (e) {
  ok = false;
  error = `crash: ${String(e.stack ?? e).split('\n').slice(0, 4).join(' | ')}`;
}
process.stdout.write(`\n@@HELDOUT@@${JSON.stringify({ ok, error, messages, extra })}\n`);
process.exit(0);
