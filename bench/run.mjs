// `npm run bench`: every figure, measured side by side in one run on this machine.
// `npm run bench -- --json` prints one JSON object with exactly the figure names (numbers, or
// null when a figure could not be measured here), for scripts that compare runs.
// `--quick` does one short iteration of each: a smoke run, not a measurement.
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { format } from 'node:util';
import { runtimeSize } from './runtime-size.mjs';
import { hookOverheadUs, runtimeImportMs } from './runtime.mjs';
import { invokeRttRatioVsRic, restoreOverheadMs } from './lifecycle.mjs';
import { bareStreamRatioVsRic, streamRttRatioVsRic } from './stream.mjs';
import { analysisMbPerS, buildCpuTimes, buildTimes, moduleCount, peakRssRatio } from './plugin.mjs';
import { checkBundleSeconds } from './check-bundle.mjs';
import { eslintPerFile } from './eslint.mjs';
import { adapterRatios, fixtureNote } from './adapters.mjs';
import { primingFirstInvokeRatio, restoreRecordUs } from './restores.mjs';
import { httpHookOverheadMs } from './http-hooks.mjs';

const json = process.argv.includes('--json');
// With --json, stdout carries the one JSON object and nothing else: whatever the measured code
// prints through the console (the runtime's restore records, libraries' notices) goes to stderr.
if (json) {
  for (const level of ['log', 'info', 'warn', 'debug']) console[level] = (...args) => process.stderr.write(`${format(...args)}\n`);
}
const quick = process.argv.includes('--quick');
// `--only=name[,name]`: just these figures (`npm run bench -- --json --only=rollup_plugin_ratio`);
// a figure that reads another's measurement is null unless that one is measured too.
const onlyFlag = process.argv.find((arg) => arg.startsWith('--only='));
const only = onlyFlag ? new Set(onlyFlag.slice('--only='.length).split(',')) : undefined;
const log = (line) => (json ? process.stderr : process.stdout).write(`${line}\n`);

const figures = {};
const notes = {};
const targets = {
  plugin_overhead_ratio: '<= 1.10',
  plugin_vs_metafile_ratio: '<= 1.03',
  runtime_min_bytes: '<= 3072',
  restore_overhead_ms: '<= 1',
  invoke_rtt_ratio_vs_ric: '<= 1.0',
  stream_rtt_ratio_vs_ric: '<= 1.0',
  emulate_restore_speedup: '>= 5',
  emulate_restore_vs_blob_ratio: '<= 1.10',
  plugin_peak_rss_ratio: '<= 1.25',
  check_bundle_s: '<= 2',
  check_bundle_minified_alone_s: '<= 3',
};

async function measure(name, what) {
  if (only && !only.has(name)) return;
  log(`measuring ${name}...`);
  try {
    const { value, note } = await what();
    figures[name] = value;
    if (note) notes[name] = note;
  } catch (error) {
    figures[name] = null;
    notes[name] = `not measured: ${error.message.split('\n')[0]}`;
  }
}

const runs = quick ? 1 : 9;
let times;
await measure('plugin_overhead_ratio', async () => {
  times = await buildTimes(['none', 'metafile', 'plugin', 'babel'], runs);
  return {
    value: times.plugin / times.none,
    note: `${await moduleCount()} modules; ${times.none.toFixed(0)} ms without, ${times.plugin.toFixed(0)} ms with`,
  };
});
// The plugin's own cost: esbuild's metafile is the floor of any plugin that needs the module graph.
await measure('plugin_vs_metafile_ratio', async () => {
  const cpu = await buildCpuTimes(['metafile', 'plugin'], runs);
  return {
    value: times.plugin / times.metafile,
    note: `${times.plugin.toFixed(0)} ms with the plugin, ${times.metafile.toFixed(0)} ms for the same build with metafile: true; in CPU time ${(cpu.plugin / cpu.metafile).toFixed(3)}`,
  };
});
await measure('naive_babel_ratio', async () => ({ value: times.babel / times.none, note: `${times.babel.toFixed(0)} ms` }));
await measure('runtime_min_bytes', async () => ({ value: (await runtimeSize()).bytes, note: 'runtime/index.ts bundled and minified' }));
await measure('runtime_import_ms', async () => {
  const result = runtimeImportMs(quick ? 3 : 21);
  return { value: result.ms, note: `${result.runtime.toFixed(2)} ms vs ${result.empty.toFixed(2)} ms for an empty module` };
});
await measure('restore_overhead_ms', async () => {
  const result = await restoreOverheadMs(quick ? 1 : 21);
  return { value: result.overhead, note: `bootstrap ${result.ours.toFixed(2)} ms, plain node:http ${result.plain.toFixed(2)} ms` };
});
await measure('restore_record_us', async () => {
  const text = await restoreRecordUs(quick ? { batches: 1, count: 50 } : undefined);
  const json = await restoreRecordUs(quick ? { batches: 1, count: 50, json: true } : { json: true });
  return { value: text, note: `one restore's record with three hooks, text format; JSON ${json.toFixed(2)} us` };
});
await measure('priming_first_invoke_ratio', async () => {
  // Two snapshot builds of the 13 MB fixture (about 20 s each): too long for the smoke run.
  if (quick) throw new Error('skipped in --quick (two snapshot builds of the large fixture)');
  const result = await primingFirstInvokeRatio();
  return {
    value: result.ratio,
    note: `first invoke after a restore, large fixture: ${result.primedMs.toFixed(1)} ms primed, ${result.plainMs.toFixed(1)} ms not (${result.samples} restores each)`,
  };
});
await measure('hook_overhead_us', async () => ({ value: await hookOverheadUs(1000, quick ? 1 : 21) }));
await measure('http_hook_overhead_ms', async () => {
  const result = await httpHookOverheadMs(quick ? { rounds: 1, count: 20 } : {});
  return {
    value: result.hook - result.plain,
    note: `a MicroVM validate through nodeHooks() ${result.hook.toFixed(3)} ms vs a plain route ${result.plain.toFixed(3)} ms (the app's route behind the layer: ${result.routeWith.toFixed(3)} ms)`,
  };
});
await measure('invoke_rtt_ratio_vs_ric', async () => {
  const result = await invokeRttRatioVsRic(quick ? { rounds: 1, count: 20, warmup: 5 } : {});
  if (result.ratio === null) throw new Error(result.note);
  const cold = quick ? undefined : await invokeRttRatioVsRic({ warmup: 0, count: 100 });
  return {
    value: result.ratio,
    note:
      `${result.ours.toFixed(3)} ms vs ${result.ric.toFixed(3)} ms per invoke (median), steady state, one log line per invoke` +
      (cold ? `; first 100 invokes: ${cold.ratio.toFixed(3)}` : ''),
  };
});
await measure('stream_rtt_ratio_vs_ric', async () => {
  const result = await streamRttRatioVsRic(quick ? { rounds: 1, count: 5, warmup: 2 } : {});
  if (result.ratio === null) throw new Error(result.note);
  const bare = await bareStreamRatioVsRic(quick ? { rounds: 1, count: 8 } : {});
  return {
    value: result.ratio,
    note: `${result.ours.toFixed(3)} ms vs ${result.ric.toFixed(3)} ms per 1 MB streamed invoke (median); on a bare node:http Runtime API ${bare.ratio.toFixed(3)}`,
  };
});
let emulated;
await measure('emulate_restore_speedup', async () => {
  if (!existsSync(new URL('./emulate.mjs', import.meta.url))) throw new Error('bench/emulate.mjs is missing');
  const { emulateRestoreSpeedup } = await import('./emulate.mjs');
  emulated = await emulateRestoreSpeedup(quick ? { runs: 1 } : undefined);
  const result = emulated;
  return {
    value: result.ratio,
    note: `${result.coldMs.toFixed(0)} ms cold, ${result.snapshotMs.toFixed(0)} ms from a ${(result.snapshotBytes / 1048576).toFixed(0)} MB snapshot, ${(result.bundleBytes / 1048576).toFixed(0)} MB bundle, SDK clients constructed at init`,
  };
});
// The same runs: the start from the snapshot against V8's own deserialisation of that blob.
await measure('emulate_restore_vs_blob_ratio', async () => {
  if (!emulated) throw new Error('emulate_restore_speedup was not measured');
  return {
    value: emulated.vsBlob,
    note: `${emulated.snapshotMs.toFixed(0)} ms to the first invoke answered, ${emulated.blobMs.toFixed(0)} ms for node --snapshot-blob of the same blob doing nothing`,
  };
});
// The run-time audit of init (check --run, emulate): audited init ÷ a plain run of the same init.
await measure('audit_overhead_ratio', async () => {
  const { auditOverheadRatio } = await import('./audit.mjs');
  const result = await auditOverheadRatio({ runs: quick ? 1 : 7 });
  return {
    value: result.ratio,
    note: `init of bench/fixtures/large (${(result.bundleBytes / 1048576).toFixed(1)} MB bundle): ${result.auditedMs.toFixed(0)} ms audited, ${result.plainMs.toFixed(0)} ms plain; CPU ${result.cpuRatio.toFixed(3)} (${result.auditedCpuMs.toFixed(0)} ms vs ${result.plainCpuMs.toFixed(0)} ms); spawn to exit ${result.auditedWallMs.toFixed(0)} ms vs ${result.plainWallMs.toFixed(0)} ms`,
  };
});
await measure('analysis_mb_per_s', async () => {
  const result = await analysisMbPerS(quick ? 64 * 1024 : undefined);
  return { value: result.mbPerS, note: `${result.files} hook-bearing files` };
});
await measure('plugin_peak_rss_ratio', async () => {
  const result = peakRssRatio(quick ? 1 : 5);
  return { value: result.ratio, note: `${(result.withoutKb / 1024).toFixed(0)} MB without, ${(result.withKb / 1024).toFixed(0)} MB with` };
});
// The no-map, no-metafile check of a 12 MB bundle where it was built, beside the other ways, same run.
let checkedBundles;
await measure('check_bundle_s', async () => {
  const result = await checkBundleSeconds(quick ? 1 : 5, { warmup: !quick });
  checkedBundles = result;
  const mb = (bytes) => `${(bytes / 1048576).toFixed(1)} MB`;
  const codes = (name) => result.codes[name].join(' ') || 'none';
  const same = (name) => (codes(name) === codes('metafile') ? 'same codes' : `codes ${codes(name)}`);
  const time = (name) => `${result[name].toFixed(2)} s (CPU ${result.cpu[name].toFixed(2)} s, ${same(name)})`;
  return {
    value: result.alone,
    note:
      `check --bundle of a ${mb(result.bundleBytes)} bundle${result.corpus ? '' : ' (SDK only: test/corpus is not installed)'}, no metafile or map, where it was built (CPU ${result.cpu.alone.toFixed(2)} s, ${same('alone')}); ` +
      `copied away (one module) ${time('oneModule')}; only the source map ${time('sourceMap')}; ` +
      `the metafile ${result.metafile.toFixed(2)} s (CPU ${result.cpu.metafile.toFixed(2)} s, codes ${codes('metafile')}); ` +
      `minified (${mb(result.minifiedBytes)}), no map ${time('minified')}, copied away ${time('minifiedOneModule')}`,
  };
});
// The minified bundle read alone (copied away from its sources: one module), same run.
await measure('check_bundle_minified_alone_s', async () => {
  if (!checkedBundles) throw new Error('check_bundle_s was not measured');
  const mb = (checkedBundles.minifiedBytes / 1048576).toFixed(1);
  return {
    value: checkedBundles.minifiedOneModule,
    note: `check --bundle of the ${mb} MB minified bundle copied away from its sources (CPU ${checkedBundles.cpu.minifiedOneModule.toFixed(2)} s)`,
  };
});
// ESLint with the rules on, beside eslint-plugin-n's recommended set on the same files.
let linted;
await measure('eslint_ms_per_file', async () => {
  linted = await eslintPerFile(quick ? 1 : 3, quick ? 20 : Infinity);
  return { value: linted.ours, note: `the rules' own time per file over ${linted.files} files (parsing alone ${linted.none.toFixed(1)} ms per file)` };
});
await measure('eslint_plugin_n_ms_per_file', async () => {
  if (!linted) throw new Error('eslint_ms_per_file was not measured');
  return { value: linted.n, note: "eslint-plugin-n's flat/recommended on the same files, same run" };
});
// Each adapter's build with the plugin ÷ without, on the large fixture (--quick: the small generated one).
let adapters;
for (const bundler of ['webpack', 'rspack', 'rollup', 'vite']) {
  await measure(`${bundler}_plugin_ratio`, async () => {
    const wanted = ['webpack', 'rspack', 'rollup', 'vite'].filter((b) => !only || only.has(`${b}_plugin_ratio`));
    adapters ??= await adapterRatios(quick ? 1 : 7, !quick, quick ? 'generated' : 'large', wanted);
    const r = adapters[bundler];
    const hooks = r.hooks === undefined ? '' : ` (${r.hooks.toFixed(0)} ms in the plugin's hooks)`;
    return { value: r.ratio, note: `${r.without.toFixed(0)} ms without, ${r.with.toFixed(0)} ms with${hooks}, ${r.runs} runs; ${fixtureNote(adapters)}` };
  });
}

if (json) {
  process.stdout.write(`${JSON.stringify(figures)}\n`);
} else {
  log(
    `\nsnapshot-restore bench — ${cpus().length} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}${quick ? ' (quick smoke run: not a measurement)' : ''}\n`,
  );
  const rows = Object.entries(figures).map(([name, value]) => [
    name,
    value === null ? 'n/a' : Number.isInteger(value) ? String(value) : value.toFixed(3),
    targets[name] ?? 'reported',
    notes[name] ?? '',
  ]);
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column].length), 6));
  log(`${'figure'.padEnd(widths[0])}  ${'value'.padStart(widths[1])}  ${'target'.padEnd(widths[2])}  notes`);
  for (const row of rows) log(`${row[0].padEnd(widths[0])}  ${row[1].padStart(widths[1])}  ${row[2].padEnd(widths[2])}  ${row[3]}`);
}
