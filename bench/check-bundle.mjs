// check_bundle_s: `snapshot-restore check --bundle` on the large fixture's whole application
// (bench/fixtures/large/app.mjs: fourteen whole AWS SDK v3 clients and the libraries of a typical
// API, about 12 MB bundled), built as CDK's NodejsFunction builds it with `format: ESM` and no
// `mainFields`: esbuild's defaults for platform node, so every package's `main` (the SDK's
// dist-cjs, which esbuild cannot tree-shake: whole clients) and no minifying. Timed as the user runs
// it (the CLI in a fresh process, node's start included), alternating runs, medians of the wall
// time and of the process's CPU time (bench/cpu-usage.cjs):
// - without a metafile and without a source map (CDK's default: the figure), checked where it was
//   built (an afterBundling hook): the modules its comments name are read from disk;
// - the same, with the bundle copied away from its sources: read as one module;
// - with only the source map (the module graph recovered from it);
// - with the metafile (the reference: the plugin's whole-build check);
// - the same application minified (SAM's default), without map or metafile, where it was built and
//   copied away: a second figure.
// The libraries come from the lint corpus's pinned install (`npm --prefix test/corpus ci`, which
// .ci/run does); without it the bundle is the SDK part alone (handler.mjs) and `corpus` is false.
// Usage: `npm run build && node bench/check-bundle.mjs [runs]`; `node bench/check-bundle.mjs --write
// DIR` only builds the bundles into DIR (index.mjs with its map and metafile, minified.mjs), to
// profile one check: `node --cpu-prof dist/cli/main.js check --bundle DIR/index.mjs`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'dist/cli/main.js');
const cpuUsage = join(root, 'bench/cpu-usage.cjs');
const corpusModules = join(root, 'test/corpus/node_modules');
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function buildLarge(dir, name, { minify }) {
  const corpus = existsSync(corpusModules);
  const bundle = join(dir, `${name}.mjs`);
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [corpus ? 'bench/fixtures/large/app.mjs' : 'bench/fixtures/large/handler.mjs'],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    minify,
    sourcemap: !minify,
    metafile: true,
    // The usual ESM banner (CDK's docs give it): the CommonJS libraries' require() of built-ins.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    // As if the corpus's libraries were the application's own dependencies.
    nodePaths: corpus ? [corpusModules] : [],
    logLevel: 'silent',
    alias: { 'snapshot-restore': join(root, 'runtime/dist/esm/index.js'), 'snapshot-restore/lambda': join(root, 'runtime/dist/esm/lambda.js') },
  });
  const metafile = join(dir, `${name}.meta.json`);
  writeFileSync(metafile, JSON.stringify(result.metafile));
  return { bundle, metafile, bytes: statSync(bundle).size, corpus };
}

/** One check in a fresh process: its wall and CPU time, and the finding codes it reported. */
function timeCheck(args, cwd = root) {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--require', cpuUsage, cli, 'check', '--bundle', ...args, '--format', 'json'], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  // 1: findings at the fail level, a normal outcome here.
  if (run.status !== 0 && run.status !== 1) throw new Error(`check --bundle ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  const cpu = Number(/cpu-us (\d+)\s*$/.exec(run.stderr)?.[1]) / 1e6;
  const report = JSON.parse(run.stdout);
  return { seconds, cpu, codes: report.findings.map((finding) => finding.code).sort() };
}

/** `warmup: false` (the quick smoke run) takes the first pass, which also reads the findings, as the sample. */
export async function checkBundleSeconds(runs = 5, { warmup = true } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'sr-bench-check-'));
  try {
    const app = await buildLarge(dir, 'index', { minify: false });
    const minified = await buildLarge(dir, 'minified', { minify: true });
    const map = `${app.bundle}.map`;
    const withoutMap = (args, cwd) => {
      renameSync(map, `${map}.off`);
      try {
        return timeCheck(args, cwd);
      } finally {
        renameSync(`${map}.off`, map);
      }
    };
    const variants = {
      alone: () => withoutMap([app.bundle]),
      oneModule: () => withoutMap([app.bundle], dir), // run elsewhere: the comments' paths name no file
      sourceMap: () => timeCheck([app.bundle]),
      metafile: () => withoutMap([app.bundle, '--metafile', app.metafile]),
      minified: () => timeCheck([minified.bundle]),
      minifiedOneModule: () => timeCheck([minified.bundle], dir),
    };
    const names = Object.keys(variants);
    const codes = {};
    const samples = Object.fromEntries(names.map((name) => [name, []]));
    for (const name of names) {
      const first = variants[name](); // the findings, and a warm-up (file cache)
      codes[name] = first.codes;
      if (!warmup) samples[name].push(first);
    }
    if (!warmup) runs = 0;
    for (let run = 0; run < runs; run++) {
      for (let i = 0; i < names.length; i++) {
        const name = names[(i + run) % names.length];
        samples[name].push(variants[name]());
      }
    }
    return {
      ...Object.fromEntries(names.map((name) => [name, median(samples[name].map((sample) => sample.seconds))])),
      cpu: Object.fromEntries(names.map((name) => [name, median(samples[name].map((sample) => sample.cpu))])),
      codes,
      bundleBytes: app.bytes,
      minifiedBytes: minified.bytes,
      corpus: app.corpus,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}` && process.argv[2] === '--write') {
  const dir = resolve(process.argv[3]);
  for (const minify of [false, true]) console.log((await buildLarge(dir, minify ? 'minified' : 'index', { minify })).bundle);
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await checkBundleSeconds(Number(process.argv[2] ?? 5));
  console.log(JSON.stringify(result));
}
