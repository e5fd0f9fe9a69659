// The bootstrap custom runtime as a real process against the Runtime API emulator: handler
// loading, the lifecycle, the invoke loop, the context object, and every error path.
import { dirname } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/bundle.js';
import { AFTER_HOOKS, BEFORE_HOOKS, bootstrapScript, buildCjsHandler, buildEsmHandler, requireBuild, run, runBootstrap, writeFile, type Running } from '../helpers/lifecycle.js';
import { stdoutLinesUntil } from '../helpers/output.js';

let cjsFile: string;
let esmFile: string;
let running: Running | undefined;

beforeAll(async () => {
  requireBuild();
  [cjsFile, esmFile] = await Promise.all([buildCjsHandler(), buildEsmHandler()]);
});
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

const paths = (r: Running) =>
  r.emulator.calls.map((call) => `${call.method} ${call.path.replace('/2018-06-01', '').replace(/invocation\/[^/]+\//, 'invocation/ID/')} ${call.status}`);

describe('bootstrap under SnapStart', () => {
  it('loads the handler, runs the lifecycle, then serves invokes with a full context', async () => {
    running = await runBootstrap(cjsFile, 'handler');
    await running.emulator.waitForRestoreNext();
    // The hooks printed before the runtime called /restore/next, but a pipe and a socket are read
    // in no fixed order: wait for the line.
    await stdoutLinesUntil(running.runtime, `HOOK ${BEFORE_HOOKS.at(-1)}`);
    expect(running.hooks()).toEqual(BEFORE_HOOKS);
    await running.emulator.restore();
    const result = await running.emulator.invoke(
      { order: 42 },
      {
        traceId: 'Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1',
        identity: { cognitoIdentityId: 'id-1', cognitoIdentityPoolId: 'pool-1' },
        clientContext: { client: { app_title: 'demo' } },
      },
    );
    expect(running.hooks()).toEqual([...BEFORE_HOOKS, ...AFTER_HOOKS]);
    expect(result.ok).toBe(true);
    const payload = result.payload as Record<string, any>;
    expect(payload.event).toEqual({ order: 42 });
    expect(payload.connected).toBe(true);
    expect(payload.restores).toBe(1);
    expect(payload.awsRequestId).toBe(result.requestId);
    expect(payload.functionName).toBe('function');
    expect(payload.functionVersion).toBe('1');
    expect(payload.memoryLimitInMB).toBe('128');
    expect(payload.invokedFunctionArn).toMatch(/^arn:aws:lambda:us-east-1:123456789012:function:function/);
    expect(payload.logGroupName).toBe('/aws/lambda/function');
    expect(payload.logStreamName).not.toBe('');
    expect(payload.remaining).toBeGreaterThan(0);
    expect(payload.remaining).toBeLessThanOrEqual(3000);
    expect(payload.traceId).toBe('Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1');
    expect(payload.identity).toEqual({ cognitoIdentityId: 'id-1', cognitoIdentityPoolId: 'pool-1' });
    expect(payload.clientContext).toEqual({ client: { app_title: 'demo' } });

    const second = await running.emulator.invoke({ order: 43 });
    expect((second.payload as any).event).toEqual({ order: 43 });
    expect(paths(running).slice(0, 5)).toEqual([
      'GET /runtime/restore/next 200',
      'GET /runtime/invocation/next 200',
      'POST /runtime/invocation/ID/response 202',
      'GET /runtime/invocation/next 200',
      'POST /runtime/invocation/ID/response 202',
    ]);
    expect(running.emulator.calls.every((call) => !call.preSnapshotConnection)).toBe(true);
  });

  it('serves a callback-style handler', async () => {
    running = await runBootstrap(cjsFile, 'callbackHandler');
    await running.emulator.restore();
    const result = await running.emulator.invoke({ n: 1 });
    expect(result.ok).toBe(true);
    expect(result.payload).toMatchObject({ style: 'callback', event: { n: 1 } });
  });

  it('posts a handler error as an invocation error and keeps serving', async () => {
    running = await runBootstrap(cjsFile, 'handler');
    await running.emulator.restore();
    const failed = await running.emulator.invoke({ throw: 'bad order' });
    expect(failed.ok).toBe(false);
    expect(failed.error?.sentErrorType).toBe('Function.TypeError');
    expect(failed.error?.body).toMatchObject({ errorType: 'TypeError', errorMessage: 'bad order' });
    expect(failed.error?.body?.stackTrace?.[0]).toBe('TypeError: bad order');
    const next = await running.emulator.invoke({ fine: true });
    expect(next.ok).toBe(true);
  });

  it('runs the lifecycle once for an ESM handler that also calls snapStart()', async () => {
    running = await runBootstrap(esmFile, 'handler');
    await running.emulator.restore();
    const result = await running.emulator.invoke({});
    expect(result.ok).toBe(true);
    expect(paths(running).filter((p) => p.includes('restore'))).toEqual(['GET /runtime/restore/next 200']);
    expect(running.hooks()).toEqual([...BEFORE_HOOKS, ...AFTER_HOOKS]);
  });

  it('reports a failing before-snapshot hook as Runtime.BeforeSnapshotError and exits 64', async () => {
    running = await runBootstrap(cjsFile, 'handler', { env: { FAIL_BEFORE: '1' } });
    expect((await running.runtime.exited).code).toBe(64);
    expect(running.emulator.initError?.sentErrorType).toBe('Runtime.BeforeSnapshotError');
  });

  it('reports a failing after-restore hook as Runtime.AfterRestoreError, exits 65, and the invoke fails', async () => {
    running = await runBootstrap(cjsFile, 'handler', { env: { FAIL_AFTER: '1' } });
    await running.emulator.restore();
    const result = await running.emulator.invoke({});
    expect(result.ok).toBe(false);
    expect((await running.runtime.exited).code).toBe(65);
    expect(running.emulator.restoreError?.sentErrorType).toBe('Runtime.AfterRestoreError');
    expect(paths(running)).toEqual(['GET /runtime/restore/next 200', 'POST /runtime/restore/error 202']);
  });

  it('bounds after-restore hooks by default at 9 s, so the runtime, not Lambda (10 s), names the slow hook', async () => {
    running = await runBootstrap(cjsFile, 'handler', { env: { HANG_AFTER: '60000' } });
    await running.emulator.restore();
    const exit = await running.runtime.exited;
    expect(exit.code).toBe(65);
    expect(running.emulator.restoreError?.errorMessage).toMatch(/^after-restore hook reconnect \(registered at .*\) did not finish within 9000 ms/);
    expect(running.emulator.restoreError?.sentErrorType).toBe('Runtime.AfterRestoreError');
  });

  it('is reported by the emulator as Runtime.RestoreHookUserTimeout when hooks outlast the restore deadline', async () => {
    running = await runBootstrap(cjsFile, 'handler', { emulator: { restoreTimeoutMs: 300 }, env: { HANG_AFTER: '1500' } });
    await running.emulator.restore();
    const result = await running.emulator.invoke({});
    expect(result.ok).toBe(false);
    expect(result.error?.errorType).toBe('Runtime.RestoreHookUserTimeout');
  });
});

describe('bootstrap handler argument', () => {
  it('takes the handler from its first argument when _HANDLER is not set (ENTRYPOINT + CMD in a container)', async () => {
    running = await run([bootstrapScript, 'index.handler'], { emulator: { snapStart: false }, env: { LAMBDA_TASK_ROOT: dirname(cjsFile), _HANDLER: undefined } });
    const result = await running.emulator.invoke({ from: 'argv' });
    expect(result.ok).toBe(true);
    expect((result.payload as any).event).toEqual({ from: 'argv' });
  });
});

describe('bootstrap outside SnapStart', () => {
  it('serves invokes without asking for the snapshot, and runs no hooks', async () => {
    running = await runBootstrap(cjsFile, 'handler', { emulator: { snapStart: false } });
    const result = await running.emulator.invoke({ plain: true });
    expect(result.ok).toBe(true);
    expect(running.hooks()).toEqual([]);
    expect(paths(running).some((p) => p.includes('restore'))).toBe(false);
  });
});

describe('bootstrap load failures', () => {
  async function failsToLoad(handler: string, files: Record<string, string>) {
    const dir = tempDir();
    for (const [name, text] of Object.entries(files)) writeFile(dir, name, text);
    running = await runBootstrap(`${dir}/${handler.split('.')[0]}.js`, handler.split('.').slice(1).join('.'));
    const exit = await running.runtime.exited;
    return { exit, error: running.emulator.initError! };
  }

  it('reports a missing module as Runtime.ImportModuleError', async () => {
    const { exit, error } = await failsToLoad('missing.handler', {});
    expect(exit.code).toBe(129);
    expect(error.sentErrorType).toBe('Runtime.ImportModuleError');
    expect(error.errorMessage).toContain("Cannot find module 'missing'");
  });

  it('reports a missing export as Runtime.HandlerNotFound', async () => {
    const { error } = await failsToLoad('index.nope', { 'index.js': 'exports.handler = async () => 1;' });
    expect(error.sentErrorType).toBe('Runtime.HandlerNotFound');
    expect(error.errorMessage).toBe('index.nope is undefined or not exported');
  });

  it('reports a syntax error as Runtime.UserCodeSyntaxError', async () => {
    const { error } = await failsToLoad('index.handler', { 'index.js': 'exports.handler = async () => {;' });
    expect(error.sentErrorType).toBe('Runtime.UserCodeSyntaxError');
  });

  it("reports an error thrown at load as itself (ric's body: the error's own name), Runtime.Unknown in the header", async () => {
    const { error } = await failsToLoad('index.handler', { 'index.js': 'class ConfigError extends Error { name = "ConfigError" }\nthrow new ConfigError("no config");' });
    expect(error.sentErrorType).toBe('Runtime.Unknown');
    expect(error.body?.errorType).toBe('ConfigError');
    expect(error.errorMessage).toBe('no config');
  });

  it('loads an ES module with top-level await from a .js file of a "type": "module" package (import(), as ric does)', async () => {
    const dir = tempDir();
    writeFile(dir, 'package.json', '{"type":"module"}');
    writeFile(dir, 'app.js', 'const secret = await new Promise((resolve) => setTimeout(() => resolve("s3cr3t".length), 5));\nexport const handler = async () => ({ secret });');
    running = await runBootstrap(`${dir}/app.js`, 'handler', { emulator: { snapStart: false } });
    expect((await running.emulator.invoke({})).payload).toEqual({ secret: 6 });
  });

  it('loads a .js file of an ESM package and a .mjs file', async () => {
    const dir = tempDir();
    writeFile(dir, 'package.json', '{"type":"module"}');
    writeFile(dir, 'app.js', 'export const handler = async (e) => ({ esm: e.x });');
    writeFile(dir, 'other.mjs', 'export const nested = { fn: async () => "mjs" };');
    running = await runBootstrap(`${dir}/app.js`, 'handler', { emulator: { snapStart: false } });
    expect((await running.emulator.invoke({ x: 1 })).payload).toEqual({ esm: 1 });
    await running.stop();
    running = await runBootstrap(`${dir}/other.mjs`, 'nested.fn', { emulator: { snapStart: false } });
    expect((await running.emulator.invoke({})).payload).toBe('mjs');
  });
});
