// stream_rtt_ratio_vs_ric: the round trip of an invoke whose handler streams a 1 MB response
// (awslambda.streamifyResponse, 16 writes of 64 KB) through our bootstrap ÷ through the official
// aws-lambda-ric, on the same emulator, alternating rounds in one run. The emulator's invoke ends
// when it has the whole streamed body.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { invokeRoundTrips } from './lifecycle.mjs';

const root = resolve(import.meta.dirname, '..');
const bootstrap = join(root, 'dist/cjs/bootstrap.cjs');
const ric = join(root, 'test/peers/node_modules/aws-lambda-ric/index.mjs');
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const STREAMING_HANDLER = `const chunk = Buffer.alloc(65536, 120);
exports.handler = awslambda.streamifyResponse(async (event, stream) => {
  for (let i = 0; i < 16; i++) if (!stream.write(chunk)) await new Promise((resolve) => stream.once('drain', resolve));
  stream.end();
});`;

export async function streamRttRatioVsRic({ rounds = 5, count = 200, warmup = 100 } = {}) {
  if (!existsSync(ric)) return { ratio: null, ours: null, ric: null, note: 'aws-lambda-ric not installed (npm run test:peers)' };
  const ours = [];
  const theirs = [];
  for (let round = 0; round < rounds; round++) {
    ours.push(await invokeRoundTrips([bootstrap], count, warmup, STREAMING_HANDLER));
    theirs.push(await invokeRoundTrips([ric], count, warmup, STREAMING_HANDLER));
  }
  return { ratio: median(ours) / median(theirs), ours: median(ours), ric: median(theirs) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await streamRttRatioVsRic();
  console.log(result.ratio === null ? result.note : `stream_rtt_ratio_vs_ric ${result.ratio.toFixed(3)} (ours ${result.ours.toFixed(3)} ms, ric ${result.ric.toFixed(3)} ms per 1 MB streamed invoke; target <= 1.0)`);
}
