// The official Node.js runtime interface client (npm aws-lambda-ric, what Lambda's Node.js base
// image runs) against the project's Runtime API emulator: plain and failing handlers, and an
// ESM handler whose top-level `await snapStart()` drives SnapStart before the client's loop.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RuntimeApiEmulator, startRuntimeProcess, type RuntimeProcess } from '../../emulator/index.js';
import { repoRoot, tempDir } from '../helpers/bundle.js';
import { AFTER_HOOKS, BEFORE_HOOKS, buildEsmHandler, writeFile } from '../helpers/lifecycle.js';

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

async function startRic(taskRoot: string, handler: string, snapStart: boolean) {
  emulator = await RuntimeApiEmulator.start({ snapStart, waitTimeoutMs: 20_000 });
  runtime = startRuntimeProcess({ emulator, args: [ric, handler], cwd: taskRoot, env: { LAMBDA_TASK_ROOT: taskRoot, _HANDLER: handler } });
  return { emulator, runtime };
}

const hooks = (r: RuntimeProcess) => r.stdout.split('\n').filter((line) => line.startsWith('HOOK ')).map((line) => line.slice(5));

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
