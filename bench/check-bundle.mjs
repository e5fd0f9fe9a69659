// check_bundle_s: `snapshot-restore check --bundle` on the large fixture (bench/fixtures/large:
// thirteen whole AWS SDK v3 clients, every module bundled by esbuild) the way CDK, SAM or SST
// leave it, timed as the user runs it (the CLI in a fresh process, node's start included),
// alternating runs, medians:
// - without a metafile and without a source map (CDK's default: the figure);
// - with only the source map (the module graph recovered from it);
// - with the metafile (the reference: the plugin's whole-build check).
// Usage: `npm run build && node bench/check-bundle.mjs [runs]`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'dist/cli/main.js');
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function buildLarge() {
  const dir = mkdtempSync(join(tmpdir(), 'sr-bench-check-'));
  const bundle = join(dir, 'index.mjs');
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['bench/fixtures/large/handler.mjs'],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    sourcemap: true,
    metafile: true,
    logLevel: 'silent',
    alias: { 'snapshot-restore': join(root, 'dist/esm/index.js'), 'snapshot-restore/lambda': join(root, 'dist/esm/lambda.js') },
  });
  writeFileSync(join(dir, 'index.meta.json'), JSON.stringify(result.metafile));
  return { dir, bundle, metafile: join(dir, 'index.meta.json') };
}

function timeCheck(args) {
  const started = process.hrtime.bigint();
  execFileSync(process.execPath, [cli, 'check', '--bundle', ...args, '--format', 'json'], { cwd: root, maxBuffer: 1 << 26 });
  return Number(process.hrtime.bigint() - started) / 1e9;
}

export async function checkBundleSeconds(runs = 5) {
  const { bundle, metafile } = await buildLarge();
  const map = `${bundle}.map`;
  const variants = {
    alone: () => {
      renameSync(map, `${map}.off`);
      try {
        return timeCheck([bundle]);
      } finally {
        renameSync(`${map}.off`, map);
      }
    },
    sourceMap: () => timeCheck([bundle]),
    metafile: () => timeCheck([bundle, '--metafile', metafile]),
  };
  const names = Object.keys(variants);
  for (const name of names) variants[name](); // warm-up: file cache
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let run = 0; run < runs; run++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + run) % names.length];
      samples[name].push(variants[name]());
    }
  }
  return { ...Object.fromEntries(names.map((name) => [name, median(samples[name])])), bundleBytes: statSync(bundle).size };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await checkBundleSeconds(Number(process.argv[2] ?? 5));
  console.log(JSON.stringify(result));
}
