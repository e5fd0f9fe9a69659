// Figures for `emulate`, on a function with a heavy init that constructs AWS SDK clients at init
// (fixtures/emulate/heavy-init.ts: the TypeScript compiler and the S3 and DynamoDB clients, about
// 12 MB of bundle), all from one snapshot built once:
// - emulate_restore_speedup: process start -> first invoke answered, started from the V8 startup
//   snapshot versus a cold init in a plain process of the same script;
// - emulate_restore_vs_blob_ratio: the same start from the snapshot divided by
//   `node --snapshot-blob` of the same blob doing nothing (its main function exits at once):
//   V8's own deserialisation, the floor here. What is above it is emulate's restore: the Runtime
//   API calls, the after-restore phase, the first invoke.
// Runs alternate between the kinds, and the medians are compared.
// Usage: `npm run build && node bench/emulate.mjs [runs]`. Needs dist/.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { processEnv } from '../dist/emulator/snapshot/emulate.js';
import { bundleFunction } from '../dist/emulator/snapshot/bundle.js';
import { RuntimeApiEmulator, startRuntimeProcess } from '../dist/emulator/index.js';
import { buildSnapshot, writeSnapshotScript } from '../dist/emulator/snapshot/build.js';
import { EXIT_AT_MAIN_ENV } from '../dist/emulator/snapshot/protocol.js';

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

/** `node --snapshot-blob <blob>` whose main function exits at once: spawn to exit, in ms. */
function blobAlone(blob) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--snapshot-blob', blob], { env: { ...process.env, [EXIT_AT_MAIN_ENV]: '1' }, stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`the blob alone exited with ${code}`))));
  });
}

/**
 * Start from the snapshot versus cold init, and versus the blob alone, same bundle. Resolves
 * with the medians (ms), the ratios cold / snapshot (`ratio`, target: at least 5) and snapshot /
 * blob alone (`vsBlob`, target: at most 1.10), and the sizes.
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
    const alone = [];
    // One of each first, not counted: the file cache is warm for all afterwards.
    await firstAnswer(['--snapshot-blob', built.blob]);
    await firstAnswer([script.file]);
    await blobAlone(built.blob);
    const kinds = ['snapshot', 'alone', 'cold'];
    for (let run = 0; run < runs; run++) {
      // Rotate which goes first, so that none always runs on a machine another just warmed.
      const order = kinds.map((_, index) => kinds[(index + run) % kinds.length]);
      for (const kind of order) {
        if (kind === 'snapshot') snapshot.push(await firstAnswer(['--snapshot-blob', built.blob]));
        else if (kind === 'alone') alone.push(await blobAlone(built.blob));
        else cold.push(await firstAnswer([script.file]));
      }
    }
    const snapshotMs = median(snapshot);
    const coldMs = median(cold);
    const blobMs = median(alone);
    return {
      snapshotMs,
      coldMs,
      blobMs,
      ratio: coldMs / snapshotMs,
      vsBlob: snapshotMs / blobMs,
      runs,
      bundleBytes: bundled.bytes,
      snapshotBytes: built.blobBytes,
      initMs: built.init.initMs,
      samples: { snapshot, cold, alone },
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
  console.log(`  the blob alone (no-op main): ${result.blobMs.toFixed(1)} ms`);
  console.log(`  speedup: ${result.ratio.toFixed(2)} x (target >= 5)`);
  console.log(`  restore vs blob alone: ${result.vsBlob.toFixed(3)} (target <= 1.10)`);
}
