// Figure for `emulate`: time from process start to the first invoke answered, for a function with
// a heavy init (fixtures/emulate/heavy-init.ts: the TypeScript compiler and AWS SDK clients, about
// 12 MB of bundle), started from a V8 startup snapshot versus a cold init in a plain process of
// the same script. Runs alternate between the two, and the medians are compared.
// Usage: `npm run build && node bench/emulate.mjs [runs]`. Needs dist/.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { processEnv } from '../dist/emulator/snapshot/emulate.js';
import { bundleFunction } from '../dist/emulator/snapshot/bundle.js';
import { RuntimeApiEmulator, startRuntimeProcess } from '../dist/emulator/index.js';
import { buildSnapshot, writeSnapshotScript } from '../dist/emulator/snapshot/build.js';

const root = resolve(fileURLToPath(import.meta.url), '../..');
export const HEAVY_FIXTURE = join(root, 'fixtures/emulate/heavy-init.ts');

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** One cold start: spawn, restore, first invoke answered. Returns the milliseconds from the spawn. */
async function firstAnswer(args) {
  const emulator = await RuntimeApiEmulator.start({ snapStart: true, waitTimeoutMs: 60_000 });
  try {
    const started = performance.now();
    const runtime = startRuntimeProcess({ emulator, args });
    try {
      await emulator.waitForRestoreNext();
      await emulator.restore();
      const result = await emulator.invoke({});
      if (!result.ok) throw new Error(`the invoke failed: ${JSON.stringify(result.error)}\n${runtime.stderr}`);
      return performance.now() - started;
    } finally {
      await runtime.stop();
    }
  } finally {
    await emulator.close();
  }
}

/**
 * Start from the snapshot versus cold init, same bundle. Resolves with the medians (ms), the
 * ratio cold / snapshot (target: at least 5), and the sizes.
 */
export async function emulateRestoreSpeedup({ runs = 9, fixture = HEAVY_FIXTURE } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'snapshot-restore-bench-'));
  try {
    const bundled = await bundleFunction(fixture, { cwd: root });
    const script = await writeSnapshotScript(bundled, dir, { file: fixture }, root);
    const envSource = await RuntimeApiEmulator.start({ snapStart: true });
    const built = await buildSnapshot(script.file, dir, { env: processEnv(envSource), cwd: root });
    await envSource.close();
    if (!built.ok) throw new Error(`the snapshot build failed (${built.reason}): ${built.message}\n${built.stderr}`);

    const snapshot = [];
    const cold = [];
    // One of each first, not counted: the file cache is warm for both afterwards.
    await firstAnswer(['--snapshot-blob', built.blob]);
    await firstAnswer([script.file]);
    for (let run = 0; run < runs; run++) {
      // Alternate which goes first, so that neither always runs on a machine the other just warmed.
      const order = run % 2 === 0 ? ['snapshot', 'cold'] : ['cold', 'snapshot'];
      for (const kind of order) {
        if (kind === 'snapshot') snapshot.push(await firstAnswer(['--snapshot-blob', built.blob]));
        else cold.push(await firstAnswer([script.file]));
      }
    }
    const snapshotMs = median(snapshot);
    const coldMs = median(cold);
    return {
      snapshotMs,
      coldMs,
      ratio: coldMs / snapshotMs,
      runs,
      bundleBytes: bundled.bytes,
      snapshotBytes: built.blobBytes,
      initMs: built.init.initMs,
      samples: { snapshot, cold },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const runs = Number(process.argv[2] ?? 9);
  const result = await emulateRestoreSpeedup({ runs });
  const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  console.log(`emulate: process start -> first invoke answered, ${result.runs} alternating runs each, medians`);
  console.log(`  fixture: bundle ${mb(result.bundleBytes)}, init ${result.initMs.toFixed(0)} ms in the build, snapshot ${mb(result.snapshotBytes)}`);
  console.log(`  cold init (plain process):  ${result.coldMs.toFixed(1)} ms`);
  console.log(`  start from the snapshot:    ${result.snapshotMs.toFixed(1)} ms`);
  console.log(`  speedup: ${result.ratio.toFixed(2)} x (target >= 5)`);
}
