// Lifecycle figures, measured against the project's Runtime API emulator:
// - restore_overhead_ms: from the empty 200 on /restore/next to the first /invocation/next, with
//   no hooks registered (the bootstrap's own cost after a restore);
// - invoke_rtt_ratio_vs_ric: invoke round trip through our bootstrap ÷ through the official
//   aws-lambda-ric (test/peers, installed by `npm run test:peers`), alternating rounds in one run,
//   with a handler that logs one line per invoke (both runtimes format it as Lambda does).
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { RuntimeApiEmulator, startRuntimeProcess } from '../dist/emulator/index.js';

const root = resolve(import.meta.dirname, '..');
const bootstrap = join(root, 'runtime/dist/cjs/bootstrap.cjs');
const ric = join(root, 'test/peers/node_modules/aws-lambda-ric/index.mjs');
const plainClient = join(root, 'bench/fixtures/plain-restore-client.cjs');

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

export function taskRoot(source = 'exports.handler = async (event) => event;') {
  const dir = mkdtempSync(join(tmpdir(), 'sr-bench-'));
  writeFileSync(join(dir, 'index.js'), source);
  return dir;
}

const LOGGING_HANDLER = "exports.handler = async (event) => { console.log('invoke %d', event.id); return event; };";

async function restoreToNextMs(script, dir) {
  const emulator = await RuntimeApiEmulator.start({ snapStart: true });
  const runtime = startRuntimeProcess({ emulator, args: [script], env: { _HANDLER: 'index.handler', LAMBDA_TASK_ROOT: dir } });
  await emulator.restore();
  await emulator.waitForInvocationNext();
  const ms = emulator.restoreDurationMs;
  await runtime.stop();
  await emulator.close();
  return ms;
}

/**
 * Restore → first /invocation/next through the bootstrap with no hooks, minus the same for a
 * plain node:http client that does only the two calls (the connection Lambda makes us open
 * anew is not our overhead). Alternating runs, medians.
 */
export async function restoreOverheadMs(runs = 21) {
  const dir = taskRoot();
  const ours = [];
  const plain = [];
  for (let i = 0; i < runs; i++) {
    ours.push(await restoreToNextMs(bootstrap, dir));
    plain.push(await restoreToNextMs(plainClient, dir));
  }
  return { overhead: median(ours) - median(plain), ours: median(ours), plain: median(plain) };
}

export async function invokeRoundTrips(args, count, warmup, source = LOGGING_HANDLER) {
  const dir = taskRoot(source);
  const emulator = await RuntimeApiEmulator.start({ snapStart: false });
  const runtime = startRuntimeProcess({ emulator, args: [...args, 'index.handler'], cwd: dir, env: { _HANDLER: 'index.handler', LAMBDA_TASK_ROOT: dir } });
  const event = { id: 1, payload: 'x'.repeat(256) };
  const invoke = async () => {
    const result = await emulator.invoke(event);
    if (!result.ok) throw new Error(`the invoke failed: ${result.error?.errorType}: ${result.error?.errorMessage}`);
  };
  for (let i = 0; i < warmup; i++) await invoke();
  // The median invoke: on a shared machine a mean mostly measures the other processes.
  const samples = [];
  for (let i = 0; i < count; i++) {
    const started = process.hrtime.bigint();
    await invoke();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  await runtime.stop();
  await emulator.close();
  return median(samples);
}

/**
 * Our bootstrap's invoke round trip ÷ aws-lambda-ric's, in alternating rounds. `warmup` invokes
 * first: steady state by default; a small warm-up measures the first invokes of an environment,
 * before V8 has optimised the JavaScript path (ric's client is native code).
 */
export async function invokeRttRatioVsRic({ rounds = 5, count = 1000, warmup = 1000 } = {}) {
  if (!existsSync(ric)) return { ratio: null, ours: null, ric: null, note: 'aws-lambda-ric not installed (npm run test:peers)' };
  const ours = [];
  const theirs = [];
  for (let round = 0; round < rounds; round++) {
    ours.push(await invokeRoundTrips([bootstrap], count, warmup));
    theirs.push(await invokeRoundTrips([ric], count, warmup));
  }
  return { ratio: median(ours) / median(theirs), ours: median(ours), ric: median(theirs) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const restore = await restoreOverheadMs();
  console.log(`restore_overhead_ms ${restore.overhead.toFixed(3)} (bootstrap ${restore.ours.toFixed(3)} ms, plain node:http ${restore.plain.toFixed(3)} ms; target <= 1)`);
  for (const [label, options] of [
    ['steady (1000 warm-up invokes)', {}],
    ['first 100 invokes of an environment', { warmup: 0, count: 100 }],
  ]) {
    const rtt = await invokeRttRatioVsRic(options);
    console.log(
      rtt.ratio === null
        ? rtt.note
        : `invoke_rtt_ratio_vs_ric ${rtt.ratio.toFixed(3)} ${label} (ours ${rtt.ours.toFixed(3)} ms, ric ${rtt.ric.toFixed(3)} ms per invoke; target <= 1.0)`,
    );
  }
}
