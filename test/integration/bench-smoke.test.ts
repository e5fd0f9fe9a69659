// A smoke run of `npm run bench` (one short iteration of each figure), so that the bench cannot
// rot. Nothing here depends on timing: only the shape of the report is checked.
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from '../helpers/bundle.js';
import { runProcess } from '../helpers/hang.js';

const FIGURES = [
  'plugin_overhead_ratio',
  'plugin_vs_metafile_ratio',
  'naive_babel_ratio',
  'runtime_min_bytes',
  'runtime_import_ms',
  'restore_overhead_ms',
  'restore_record_us',
  'priming_first_invoke_ratio',
  'hook_overhead_us',
  'http_hook_overhead_ms',
  'invoke_rtt_ratio_vs_ric',
  'stream_rtt_ratio_vs_ric',
  'emulate_restore_speedup',
  'emulate_restore_vs_blob_ratio',
  'audit_overhead_ratio',
  'analysis_mb_per_s',
  'plugin_peak_rss_ratio',
  'check_bundle_s',
  'check_bundle_minified_alone_s',
  'eslint_ms_per_file',
  'eslint_plugin_n_ms_per_file',
  'webpack_plugin_ratio',
  'rspack_plugin_ratio',
  'rollup_plugin_ratio',
  'vite_plugin_ratio',
];

it('prints one JSON object with exactly the figure names', async () => {
  // No bound on the run's length (a loaded machine made the quick run take minutes): the bench says
  // `measuring <figure>...` on stderr as it goes, and only a silence is a hang (test/helpers/hang.ts).
  const { code, stdout, stderr } = await runProcess(process.execPath, [join(repoRoot, 'bench/run.mjs'), '--quick', '--json'], { cwd: repoRoot });
  expect(code, stderr).toBe(0);
  const report = JSON.parse(stdout);
  expect(Object.keys(report).sort()).toEqual([...FIGURES].sort());
  for (const name of FIGURES) expect(report[name] === null || typeof report[name] === 'number').toBe(true);
  // These need nothing beyond the repository itself, so they must have been measured.
  for (const name of [
    'plugin_overhead_ratio',
    'plugin_vs_metafile_ratio',
    'runtime_min_bytes',
    'hook_overhead_us',
    'restore_record_us',
    'analysis_mb_per_s',
    'plugin_peak_rss_ratio',
    'check_bundle_s',
  ]) {
    expect(report[name], name).toBeGreaterThan(0);
  }
  expect(report.runtime_min_bytes).toBeLessThan(4096);
});
