// Runtime figures:
// - runtime_import_ms: importing the runtime entry in a fresh process, minus importing an empty
//   module the same way (alternating runs, medians);
// - hook_overhead_us: per-hook cost of running 1,000 trivial hooks (after-restore phase).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function importMs(url) {
  const script = `const t = performance.now(); await import(${JSON.stringify(url)}); console.log(performance.now() - t);`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
}

export function runtimeImportMs(runs = 21) {
  const empty = join(mkdtempSync(join(tmpdir(), 'sr-bench-')), 'empty.mjs');
  writeFileSync(empty, 'export {};\n');
  const runtime = [];
  const baseline = [];
  for (let i = 0; i < runs; i++) {
    runtime.push(importMs(pathToFileURL(join(root, 'runtime/dist/esm/index.js')).href));
    baseline.push(importMs(pathToFileURL(empty).href));
  }
  return { ms: median(runtime) - median(baseline), runtime: median(runtime), empty: median(baseline) };
}

export async function hookOverheadUs(hooks = 1000, runs = 21) {
  const { registerAfterRestore } = await import(pathToFileURL(join(root, 'runtime/dist/esm/index.js')).href);
  const { resetHooks, runAfterRestore } = await import(pathToFileURL(join(root, 'runtime/dist/esm/testing.js')).href);
  const samples = [];
  let calls = 0;
  const hook = () => calls++;
  for (let run = 0; run < runs; run++) {
    resetHooks();
    for (let i = 0; i < hooks; i++) registerAfterRestore(hook);
    const started = process.hrtime.bigint();
    await runAfterRestore();
    samples.push(Number(process.hrtime.bigint() - started) / 1e3 / hooks);
  }
  resetHooks();
  if (calls !== hooks * runs) throw new Error(`expected ${hooks * runs} hook calls, saw ${calls}`);
  return median(samples);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const imported = runtimeImportMs();
  console.log(`runtime_import_ms ${imported.ms.toFixed(3)} (import ${imported.runtime.toFixed(3)} ms, empty module ${imported.empty.toFixed(3)} ms)`);
  console.log(`hook_overhead_us ${(await hookOverheadUs()).toFixed(3)} per hook (1,000 trivial after-restore hooks)`);
}
