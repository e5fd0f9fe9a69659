// Plugin figures, on the 3,186-module AWS SDK fixture (bench/fixtures/large), alternating runs,
// medians:
// - plugin_overhead_ratio: esbuild build with the plugin ÷ the same build without it (the user's
//   build as it was: no metafile, which the plugin turns on);
// - plugin_vs_metafile_ratio: the build with the plugin ÷ the same build with `metafile: true`,
//   the floor of any plugin that needs the module graph: the plugin's own work;
// - naive_babel_ratio: the same build with a plugin that parses every module with Babel in
//   onLoad (what common esbuild Babel plugins do) ÷ without any plugin;
// - plugin_peak_rss_ratio: peak memory (maxRSS) of the build with the plugin ÷ without, each
//   build in its own process;
// - analysis_mb_per_s: source analysed per second by the analyzer on hook-bearing modules.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from '@babel/parser';
import * as esbuild from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const pluginUrl = pathToFileURL(join(root, 'dist/plugin/esbuild/index.js')).href;
const coreUrl = pathToFileURL(join(root, 'dist/plugin/core/index.js')).href;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The build options of the large fixture; `variant` is 'none', 'plugin' or 'babel'. */
export async function largeBuildOptions(variant) {
  const plugins = [];
  if (variant === 'plugin') plugins.push((await import(pluginUrl)).snapshotRestore());
  if (variant === 'babel') plugins.push(naiveBabelPlugin());
  return {
    metafile: variant === 'metafile',
    absWorkingDir: root,
    entryPoints: ['bench/fixtures/large/handler.mjs'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    mainFields: ['module', 'main'],
    write: false,
    alias: { 'snapshot-restore': join(root, 'runtime/index.ts') },
    logLevel: 'silent',
    plugins,
  };
}

/** Parses every JS/TS module with Babel, changes nothing: the approach our pre-filter avoids. */
function naiveBabelPlugin() {
  return {
    name: 'naive-babel',
    setup(build) {
      build.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        parse(source, { sourceType: 'unambiguous', plugins: ['typescript', 'jsx'], errorRecovery: true });
        return undefined;
      });
    },
  };
}

async function timeBuild(variant) {
  const options = await largeBuildOptions(variant);
  const started = process.hrtime.bigint();
  await esbuild.build(options);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Median build time for each variant, in rotating order so drift hits all alike. */
export async function buildTimes(variants = ['none', 'plugin', 'babel'], runs = 9) {
  for (const variant of variants) await timeBuild(variant); // warm-up: file cache, JIT
  const samples = Object.fromEntries(variants.map((variant) => [variant, []]));
  for (let run = 0; run < runs; run++) {
    const order = variants.map((_, i) => variants[(i + run) % variants.length]);
    for (const variant of order) samples[variant].push(await timeBuild(variant));
  }
  return Object.fromEntries(variants.map((variant) => [variant, median(samples[variant])]));
}

/** CPU time (ms) of this process and its children (esbuild's service), from /proc: on a shared,
 *  loaded machine wall time mostly measures waiting, CPU time measures the work. */
function cpuMs() {
  const ticks = (pid) => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  };
  const children = readdirSync('/proc/self/task').flatMap((task) => readFileSync(`/proc/self/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean));
  return ((ticks('self') + children.reduce((sum, pid) => sum + ticks(pid), 0)) * 1000) / 100; // USER_HZ is 100 on Linux
}

/** Total CPU time per variant over `runs` alternating builds (summed: /proc counts in 10 ms ticks). */
export async function buildCpuTimes(variants = ['metafile', 'plugin'], runs = 9) {
  for (const variant of variants) await timeBuild(variant);
  const totals = Object.fromEntries(variants.map((variant) => [variant, 0]));
  for (let run = 0; run < runs; run++) {
    for (const variant of variants.map((_, i) => variants[(i + run) % variants.length])) {
      const options = await largeBuildOptions(variant);
      const before = cpuMs();
      await esbuild.build(options);
      totals[variant] += cpuMs() - before;
    }
  }
  return totals;
}

function peakRss(variant) {
  // The build's peak memory is node's plus esbuild's Go service (a child process): read both
  // high-water marks (VmHWM) from /proc while the service is still alive.
  const script = `
    import * as esbuild from 'esbuild';
    import { readFileSync, readdirSync } from 'node:fs';
    import { largeBuildOptions } from ${JSON.stringify(pathToFileURL(join(root, 'bench/plugin.mjs')).href)};
    await esbuild.build(await largeBuildOptions(${JSON.stringify(variant)}));
    const hwm = (pid) => Number(/VmHWM:\\s+(\\d+)/.exec(readFileSync('/proc/' + pid + '/status', 'utf8'))[1]);
    const children = readdirSync('/proc/self/task').flatMap((task) => readFileSync('/proc/self/task/' + task + '/children', 'utf8').trim().split(/\\s+/).filter(Boolean));
    console.log(hwm('self') + children.reduce((sum, pid) => sum + hwm(pid), 0));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
  return Number(out.trim().split('\n').pop());
}

export function peakRssRatio(runs = 5) {
  const without = [];
  const withPlugin = [];
  for (let run = 0; run < runs; run++) {
    without.push(peakRss('none'));
    withPlugin.push(peakRss('plugin'));
  }
  return { ratio: median(withPlugin) / median(without), withKb: median(withPlugin), withoutKb: median(without) };
}

function hookBearingSources(dir = join(root, 'fixtures/plugin')) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules') continue;
    if (statSync(path).isDirectory()) found.push(...hookBearingSources(path));
    else if (/\.[cm]?[jt]sx?$/.test(name)) {
      const source = readFileSync(path, 'utf8');
      if (source.includes('snapshot-restore')) found.push({ path, source });
    }
  }
  return found;
}

export async function analysisMbPerS(minBytes = 8 * 1024 * 1024) {
  const { analyzeModule } = await import(coreUrl);
  const sources = hookBearingSources();
  for (const { path, source } of sources) analyzeModule(source, path); // warm-up
  let bytes = 0;
  const started = process.hrtime.bigint();
  // Each round changes every source by a trailing comment, so nothing is served from the
  // analyzer's parse cache: this measures parsing and analysis, as a first build does.
  for (let round = 0; bytes < minBytes; round++) {
    for (const { path, source } of sources) {
      const text = `${source}\n// round ${round}\n`;
      analyzeModule(text, path);
      bytes += Buffer.byteLength(text);
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { mbPerS: bytes / 1024 / 1024 / seconds, files: sources.length };
}

export async function moduleCount() {
  const result = await esbuild.build({ ...(await largeBuildOptions('none')), metafile: true });
  return Object.keys(result.metafile.inputs).length;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(`large fixture: ${await moduleCount()} modules`);
  const times = await buildTimes(['none', 'metafile', 'plugin', 'babel']);
  console.log(`plugin_overhead_ratio ${(times.plugin / times.none).toFixed(3)} (without ${times.none.toFixed(1)} ms, with ${times.plugin.toFixed(1)} ms; target <= 1.10)`);
  console.log(
    `plugin_vs_metafile_ratio ${(times.plugin / times.metafile).toFixed(3)} (metafile: true ${times.metafile.toFixed(1)} ms, with the plugin ${times.plugin.toFixed(1)} ms; target <= 1.03)`,
  );
  const cpu = await buildCpuTimes();
  console.log(`  in CPU time: ${(cpu.plugin / cpu.metafile).toFixed(3)} (${cpu.metafile.toFixed(0)} ms vs ${cpu.plugin.toFixed(0)} ms over 9 builds each)`);
  console.log(`naive_babel_ratio ${(times.babel / times.none).toFixed(3)} (${times.babel.toFixed(1)} ms)`);
  const rss = peakRssRatio();
  console.log(`plugin_peak_rss_ratio ${rss.ratio.toFixed(3)} (without ${(rss.withoutKb / 1024).toFixed(0)} MB, with ${(rss.withKb / 1024).toFixed(0)} MB; target <= 1.25)`);
  const analysis = await analysisMbPerS();
  console.log(`analysis_mb_per_s ${analysis.mbPerS.toFixed(2)} (${analysis.files} hook-bearing fixture files)`);
}
