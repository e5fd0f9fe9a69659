// Restore figures (docs/restores.md):
// - restore_record_us: the cost of one restore's record (three hooks), formatted and written as the
//   runtime writes it (console.info, here to /dev/null), per record, median of batches; the JSON
//   format is measured beside it (in the note);
// - priming_first_invoke_ratio: the first invoke after a restore, as `emulate` measures it, with
//   the handler primed before the snapshot (snapshot-restore/restores prime(), three calls) ÷
//   without, on the large fixture (bench/fixtures/large/priming.mjs: the fourteen SDK clients of
//   handler.mjs, a handler that makes two DynamoDB calls answered in-process). Alternating rounds,
//   medians over every restore.
// Usage: `npm run build && node bench/restores.mjs`. Needs dist/.
import { Console } from 'node:console';
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emulate } from '../dist/emulator/snapshot/emulate.js';
import { writePhaseRecord } from '../dist/runtime/lifecycle/restore-record.js';

const root = resolve(fileURLToPath(import.meta.url), '../..');

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const RECORD = {
  phase: 'afterRestore',
  restore: 1,
  totalMs: 3.4213,
  renewal: { sockets: 2, durationMs: 0.41 },
  sinceSnapshotMs: 161_234,
  hooks: [
    { name: 'reconnect', site: 'src/db.ts:15:1', durationMs: 2.1 },
    { name: 'newInstanceId', site: 'src/id.ts:3:1', durationMs: 0.02 },
    { name: 'refreshConfig', site: 'src/config.ts:40:3', durationMs: 1.2 },
  ],
};

/** Microseconds per record (median of `batches` batches of `count`), with console.info going to /dev/null. */
export async function restoreRecordUs({ batches = 21, count = 500, json = false } = {}) {
  const sink = createWriteStream('/dev/null');
  const quiet = new Console(sink);
  const info = console.info;
  console.info = quiet.info.bind(quiet);
  const env = json ? { AWS_LAMBDA_LOG_FORMAT: 'JSON' } : {};
  const samples = [];
  try {
    for (let batch = 0; batch < batches; batch++) {
      const started = process.hrtime.bigint();
      for (let i = 0; i < count; i++) writePhaseRecord(RECORD, env);
      samples.push(Number(process.hrtime.bigint() - started) / 1e3 / count);
    }
  } finally {
    console.info = info;
    await new Promise((closed) => sink.end(closed));
  }
  return median(samples);
}

async function firstInvokes(prime, restores) {
  const { report } = await emulate({ entry: 'bench/fixtures/large/priming.mjs', cwd: root, restores, event: { id: 2 }, env: { BENCH_PRIME: prime ? '1' : '0' } });
  if (report.mode !== 'snapshot') throw new Error(`emulate ran ${report.mode} processes: ${report.error ?? report.fallbackReason}`);
  return report.restores.map((restore) => {
    if (!restore.invokes[0]?.ok) throw new Error(`a restore's first invoke failed: ${restore.error ?? JSON.stringify(restore.invokes[0]?.error)}`);
    return restore.invokes[0].durationMs;
  });
}

/** The first invoke after a restore, primed ÷ not, in alternating rounds of `restores` restores each. */
export async function primingFirstInvokeRatio({ rounds = 2, restores = 5 } = {}) {
  const primed = [];
  const plain = [];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 ? [false, true] : [true, false];
    for (const prime of order) (prime ? primed : plain).push(...(await firstInvokes(prime, restores)));
  }
  return { ratio: median(primed) / median(plain), primedMs: median(primed), plainMs: median(plain), samples: primed.length };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(`restore_record_us ${(await restoreRecordUs()).toFixed(2)} text, ${(await restoreRecordUs({ json: true })).toFixed(2)} JSON (per record, three hooks)`);
  const priming = await primingFirstInvokeRatio();
  console.log(
    `priming_first_invoke_ratio ${priming.ratio.toFixed(3)} (first invoke after a restore: ${priming.primedMs.toFixed(1)} ms primed, ${priming.plainMs.toFixed(1)} ms not; ${priming.samples} restores each)`,
  );
}
