// stream_rtt_ratio_vs_ric: the round trip of an invoke whose handler streams a 1 MB response
// (awslambda.streamifyResponse, 16 writes of 64 KB) through our bootstrap ÷ through the official
// aws-lambda-ric, on the same emulator, alternating rounds in one run. The emulator's invoke ends
// when it has the whole streamed body. Also reported: the same on a bare node:http stand-in for
// the Runtime API (next event at once, 202 on every post), to tell the runtimes from the emulator.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import { join, resolve } from 'node:path';
import { invokeRoundTrips, taskRoot } from './lifecycle.mjs';

const root = resolve(import.meta.dirname, '..');
const bootstrap = join(root, 'runtime/dist/cjs/bootstrap.cjs');
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

/** Median ms from handing out an event to the end of its streamed body, on a bare node:http Runtime API. */
async function bareRoundTrips(script, count) {
  const samples = [];
  let sentAt = 0;
  let served = 0;
  let done;
  const finished = new Promise((resolve) => (done = resolve));
  const server = http.createServer((req, res) => {
    if (req.method === 'GET') {
      if (++served > count) return; // park: the run is over
      sentAt = performance.now();
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'Content-Length': 2,
        'Lambda-Runtime-Aws-Request-Id': `id-${served}`,
        'Lambda-Runtime-Deadline-Ms': String(Date.now() + 60_000),
        'Lambda-Runtime-Invoked-Function-Arn': 'arn:aws:lambda:us-east-1:123456789012:function:bench',
      });
      return res.end('{}');
    }
    req.resume();
    req.on('end', () => {
      samples.push(performance.now() - sentAt);
      res.writeHead(202, { 'Content-Type': 'application/json', 'Content-Length': 15 });
      res.end('{"status":"OK"}');
      if (samples.length === count) done();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const dir = taskRoot(STREAMING_HANDLER);
  const env = {
    ...process.env,
    AWS_LAMBDA_RUNTIME_API: `127.0.0.1:${server.address().port}`,
    _HANDLER: 'index.handler',
    LAMBDA_TASK_ROOT: dir,
    AWS_LAMBDA_FUNCTION_NAME: 'bench',
    AWS_LAMBDA_FUNCTION_VERSION: '1',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
    AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/bench',
    AWS_LAMBDA_LOG_STREAM_NAME: 'bench',
  };
  const child = spawn(process.execPath, [script], { env, stdio: 'ignore' });
  await finished;
  child.kill();
  server.closeAllConnections();
  server.close();
  return median(samples.slice(Math.floor(count / 4)));
}

export async function bareStreamRatioVsRic({ rounds = 5, count = 200 } = {}) {
  if (!existsSync(ric)) return { ratio: null };
  const ours = [];
  const theirs = [];
  for (let round = 0; round < rounds; round++) {
    ours.push(await bareRoundTrips(bootstrap, count));
    theirs.push(await bareRoundTrips(ric, count));
  }
  return { ratio: median(ours) / median(theirs), ours: median(ours), ric: median(theirs) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await streamRttRatioVsRic();
  console.log(
    result.ratio === null
      ? result.note
      : `stream_rtt_ratio_vs_ric ${result.ratio.toFixed(3)} (ours ${result.ours.toFixed(3)} ms, ric ${result.ric.toFixed(3)} ms per 1 MB streamed invoke; target <= 1.0)`,
  );
  const bare = await bareStreamRatioVsRic();
  if (bare.ratio !== null) console.log(`  on a bare node:http Runtime API: ${bare.ratio.toFixed(3)} (ours ${bare.ours.toFixed(3)} ms, ric ${bare.ric.toFixed(3)} ms)`);
}
