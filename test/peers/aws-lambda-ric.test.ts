// The official Node.js runtime interface client (npm aws-lambda-ric, what Lambda's Node.js base
// image runs) against the project's Runtime API emulator: plain and failing handlers, and an
// ESM handler whose top-level `await snapStart()` drives SnapStart before the client's loop.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RuntimeApiEmulator, startRuntimeProcess, type RuntimeProcess } from '../../emulator/index.js';
import { repoRoot, tempDir } from '../helpers/bundle.js';
import { AFTER_HOOKS, BEFORE_HOOKS, bootstrapScript, buildEsmHandler, writeFile } from '../helpers/lifecycle.js';

const ric = join(repoRoot, 'test/peers/node_modules/aws-lambda-ric/index.mjs');
let emulator: RuntimeApiEmulator | undefined;
let runtime: RuntimeProcess | undefined;

beforeAll(() => {
  if (!existsSync(ric)) throw new Error('aws-lambda-ric is not installed: run `npm run test:peers`');
});
afterEach(async () => {
  await runtime?.stop();
  await emulator?.close();
});

async function startRic(taskRoot: string, handler: string, snapStart: boolean, env: Record<string, string> = {}, client = ric) {
  emulator = await RuntimeApiEmulator.start({ snapStart, waitTimeoutMs: 20_000 });
  runtime = startRuntimeProcess({ emulator, args: [client, handler], cwd: taskRoot, env: { LAMBDA_TASK_ROOT: taskRoot, _HANDLER: handler, ...env } });
  return { emulator, runtime };
}

const hooks = (r: RuntimeProcess) =>
  r.stdout
    .split('\n')
    .filter((line) => line.startsWith('HOOK '))
    .map((line) => line.slice(5));

describe('aws-lambda-ric against the emulator', () => {
  it('serves a plain handler', async () => {
    const dir = tempDir();
    writeFile(dir, 'index.js', 'exports.handler = async (event, context) => ({ echo: event, id: context.awsRequestId });');
    const { emulator } = await startRic(dir, 'index.handler', false);
    const result = await emulator.invoke({ hello: 'world' });
    expect(result.ok).toBe(true);
    expect(result.payload).toEqual({ echo: { hello: 'world' }, id: result.requestId });
  });

  it('posts a throwing handler as an invocation error', async () => {
    const dir = tempDir();
    writeFile(dir, 'index.js', 'exports.handler = async () => { throw new RangeError("out of range"); };');
    const { emulator } = await startRic(dir, 'index.handler', false);
    const result = await emulator.invoke({});
    expect(result.ok).toBe(false);
    expect(result.error?.errorMessage).toBe('out of range');
    expect(result.error?.body?.errorType).toBe('RangeError');
  });

  // Lambda removed callback handlers from nodejs24.x. aws-lambda-ric 4 (what the 24 base image
  // runs) refuses them at init on every Node.js version (its check looks at the handler's arity,
  // not at process.version; on AWS_Lambda_nodejs22.x it words it for Managed Instances), so this
  // runs on 22 and 24 alike. The bootstrap keeps serving them.
  for (const executionEnv of ['AWS_Lambda_nodejs24.x', 'AWS_Lambda_nodejs22.x']) {
    it(`refuses a callback handler at init on Node.js ${process.versions.node} (${executionEnv}); the bootstrap serves it`, async () => {
      const dir = tempDir();
      writeFile(dir, 'index.js', 'exports.handler = (event, context, callback) => callback(null, { echo: event });');
      const refused = await startRic(dir, 'index.handler', false, { AWS_EXECUTION_ENV: executionEnv });
      const result = await refused.emulator.invoke({ n: 1 });
      expect(result.ok).toBe(false);
      expect(result.error?.errorType).toBe('Runtime.CallbackHandlerDeprecated');
      expect(result.error?.errorMessage).toMatch(executionEnv.includes('22') ? /Node\.js 22 with Managed Instances/ : /starting with Node\.js 24/);
      expect(refused.emulator.calls.map((call) => call.path)).toEqual(['/2018-06-01/runtime/init/error']);
      await refused.runtime.stop();
      await refused.emulator.close();

      const served = await startRic(dir, 'index.handler', false, { AWS_EXECUTION_ENV: executionEnv }, bootstrapScript);
      expect((await served.emulator.invoke({ n: 1 })).payload).toEqual({ echo: { n: 1 } });
    });
  }

  it('runs the SnapStart lifecycle of an ESM handler ending in `await snapStart()` before its first /invocation/next', async () => {
    const bundled = await buildEsmHandler();
    const dir = join(bundled, '..');
    const { emulator, runtime } = await startRic(dir, 'index.handler', true);
    await emulator.waitForRestoreNext();
    expect(hooks(runtime)).toEqual(BEFORE_HOOKS);
    await emulator.restore();
    const result = await emulator.invoke({ order: 7 });
    expect(result.ok).toBe(true);
    expect(result.payload).toMatchObject({ event: { order: 7 }, connected: true, restores: 1 });
    expect(hooks(runtime)).toEqual([...BEFORE_HOOKS, ...AFTER_HOOKS]);
    const calls = emulator.calls.map((call) => `${call.method} ${call.path.replace('/2018-06-01', '').replace(/invocation\/[^/]+\//, 'invocation/ID/')}`);
    expect(calls.slice(0, 3)).toEqual(['GET /runtime/restore/next', 'GET /runtime/invocation/next', 'POST /runtime/invocation/ID/response']);
    expect(emulator.calls.every((call) => !call.preSnapshotConnection)).toBe(true);
  });
});
