// snapshot-restore/http against each framework adapter with the real framework, driven by the
// platforms' documented sequences (test/helpers/platform-driver.ts): Lambda Web Adapter's SnapStart
// bridge and Lambda MicroVMs' lifecycle hooks. Answers 2xx, non-2xx, a timeout, refusals; ready
// 503 then retried; the run payload; suspend and terminate sent again run nothing twice.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerAfterRestore, registerBeforeSnapshot } from '../../runtime/index.js';
import { isRestoring, runPayload, type SnapshotHooksOptions } from '../../runtime/http.js';
import { resetHooks } from '../../runtime/testing.js';
import { FRAMEWORKS, HELLO, startApp, type Framework, type RunningApp } from '../helpers/framework-apps.js';
import { LwaDriver, MICROVM_PREFIX, MicrovmDriver, send } from '../helpers/platform-driver.js';

const SNAPSTART_ENV = {
  AWS_LAMBDA_INITIALIZATION_TYPE: 'snap-start',
  AWS_LWA_SNAPSTART_BEFORE_CHECKPOINT_PATH: '/_snapshot/before',
  AWS_LWA_SNAPSTART_AFTER_RESTORE_PATH: '/_snapshot/after',
  AWS_LWA_READINESS_CHECK_PATH: '/health',
};
const LWA = { beforeCheckpointPath: '/_snapshot/before', afterRestorePath: '/_snapshot/after', readinessPath: '/health' };

let app: RunningApp | undefined;
const log: string[] = [];

beforeEach(() => {
  resetHooks();
  log.length = 0;
});
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function start(framework: Framework, options: SnapshotHooksOptions): Promise<string> {
  app = await startApp(framework, options);
  return app.url;
}

/** Two hooks a phase, each recording when it ran, one of each async. */
function registerFour(): void {
  registerBeforeSnapshot(async function closePool() {
    await Promise.resolve();
    log.push('before:closePool');
  });
  registerBeforeSnapshot(function flushLogs() {
    log.push('before:flushLogs');
  });
  registerAfterRestore(async function reconnect() {
    await Promise.resolve();
    log.push('after:reconnect');
  });
  registerAfterRestore(function newInstanceId() {
    log.push(`after:newInstanceId:${runPayload() ?? ''}`);
  });
}

it('compares the build manifest beside the bundle with what registered, when the before-snapshot phase starts', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sr-http-manifest-'));
  const hook = (name: string, line: number) => ({ name, expression: name, file: 'src/app.ts', line, column: 0, kind: 'call' });
  writeFileSync(
    join(dir, 'snapshot-restore.manifest.json'),
    JSON.stringify({ version: 1, generator: 'snapshot-restore', beforeSnapshot: [], afterRestore: [hook('reconnect', 3), hook('warmCache', 9)] }),
  );
  registerAfterRestore(function reconnect() {});
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const base = await start('node-http', { env: SNAPSTART_ENV, bundle: join(dir, 'app.js') });
    expect((await new LwaDriver(base, LWA).beforeCheckpoint()).status).toBe(200);
    const warning = stderr.mock.calls.map(([text]) => String(text)).find((text) => text.includes('never registered'));
    expect(warning).toContain('after-restore hook warmCache (src/app.ts:9:0)');
    expect(warning).not.toContain('reconnect');
  } finally {
    stderr.mockRestore();
  }
});

describe('a hook registered after its phase began', () => {
  const MICROVM = { platform: 'microvm' as const, env: {} };
  const warnings = (stderr: { mock: { calls: unknown[][] } }) => stderr.mock.calls.map(([text]) => String(text)).filter((text) => text.includes('was called after'));

  it("in a MicroVM is reported against the MicroVM's hooks, and runs at the next suspend or resume", async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const base = await start('node-http', MICROVM);
      const vm = new MicrovmDriver(base);
      expect((await vm.untilDone('ready')).status).toBe(200);
      registerBeforeSnapshot(function drainLate() {
        log.push('before:drainLate');
      });
      const [afterReady] = warnings(stderr);
      expect(afterReady).toMatch(
        /registerBeforeSnapshot\(drainLate\) at .*http-platforms\.test\.ts:\d+:\d+ was called after Lambda MicroVMs' `ready` hook began the before-snapshot phase/,
      );
      expect(afterReady).toContain("did not run before the image's snapshot; it runs at the next `suspend`");
      expect(afterReady).not.toContain('can never run');
      expect((await vm.call('run', '')).status).toBe(200);
      registerAfterRestore(function renewLate() {
        log.push('after:renewLate');
      });
      expect(warnings(stderr)[1]).toContain(
        "Lambda MicroVMs' `run` hook began the after-restore phase, so this hook did not run in this MicroVM's `run`; it runs at the next `resume`",
      );
      const suspend = await vm.call('suspend');
      expect(JSON.parse(suspend.body).hooks.map((hook: { name: string }) => hook.name)).toEqual(['drainLate']);
      const resume = await vm.call('resume');
      expect(JSON.parse(resume.body).hooks.map((hook: { name: string }) => hook.name)).toEqual(['renewLate']);
      expect(log).toEqual(['before:drainLate', 'after:renewLate']);
    } finally {
      stderr.mockRestore();
    }
  });

  it("in a MicroVM with suspend: 'none' can never run, and says so", async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const vm = new MicrovmDriver(await start('node-http', { ...MICROVM, suspend: 'none' }));
      expect((await vm.untilDone('ready')).status).toBe(200);
      registerBeforeSnapshot(function drainLate() {});
      expect(warnings(stderr)[0]).toContain("with suspend: 'none' it can never run");
    } finally {
      stderr.mockRestore();
    }
  });

  it('under the web adapter keeps the Lambda wording: the adapter calls each phase once', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const lwa = new LwaDriver(await start('node-http', { env: SNAPSTART_ENV }), LWA);
      expect((await lwa.beforeCheckpoint()).status).toBe(200);
      registerBeforeSnapshot(function drainLate() {});
      expect(warnings(stderr)[0]).toContain('was called after the before-snapshot phase began, so this hook can never run in Lambda');
    } finally {
      stderr.mockRestore();
    }
  });
});

describe.each(FRAMEWORKS)('%s', (framework) => {
  describe('Lambda Web Adapter SnapStart bridge', () => {
    it('runs the phases in order, answers 2xx, and keeps readiness at 503 until the after-restore hooks are done', async () => {
      registerFour();
      const base = await start(framework, { env: SNAPSTART_ENV });
      const lwa = new LwaDriver(base, LWA);
      expect((await lwa.readiness('readiness at init')).status).toBe(200);
      const before = await lwa.beforeCheckpoint();
      expect(before.status).toBe(200);
      expect(log).toEqual(['before:flushLogs', 'before:closePool']);
      expect(JSON.parse(before.body).hooks.map((hook: { name: string }) => hook.name)).toEqual(['flushLogs', 'closePool']);
      // Between the snapshot and the end of the after-restore hooks the readiness check must not pass.
      expect(await lwa.readinessOnce()).toBe(503);
      expect(isRestoring()).toBe(true);
      const after = await lwa.afterRestore();
      expect(after.hook.status).toBe(200);
      expect(after.readiness?.status).toBe(200);
      expect(log).toEqual(['before:flushLogs', 'before:closePool', 'after:reconnect', 'after:newInstanceId:']);
      expect(await (await fetch(`${base}/hello`)).text()).toBe(HELLO);
    });

    it('answers non-2xx naming the failed hook, and runs no later hook of the phase', async () => {
      registerAfterRestore(function later() {
        log.push('later');
      });
      registerBeforeSnapshot(function ok() {
        log.push('ok');
      });
      registerBeforeSnapshot(function breaks() {
        throw new Error('disk full');
      });
      const base = await start(framework, { env: SNAPSTART_ENV });
      const before = await new LwaDriver(base, LWA).beforeCheckpoint();
      expect(before.status).toBe(500);
      expect(JSON.parse(before.body).error).toMatch(
        /^HookError: before-snapshot hook breaks \(registered at .*http-platforms\.test\.ts:\d+:\d+\) failed: Error: disk full; 1 later/,
      );
      expect(log).toEqual([]);
    });

    it('a hook past its deadline fails the phase by name before the adapter’s limit; one that never answers is the adapter’s timeout', async () => {
      registerAfterRestore(function hangs() {
        return new Promise(() => {});
      });
      const base = await start(framework, { env: SNAPSTART_ENV, afterRestoreTimeoutMs: 20 });
      const driver = new LwaDriver(base, LWA);
      const after = await driver.afterRestore();
      expect(after.hook.status).toBe(500);
      expect(JSON.parse(after.hook.body).error).toContain('after-restore hook hangs');
      expect(JSON.parse(after.hook.body).error).toContain('did not finish within 20 ms');
      expect(after.readiness).toBeUndefined();
      // Without a deadline of ours (beforeSnapshotTimeoutMs larger than the adapter's limit), the adapter times out.
      resetHooks();
      registerBeforeSnapshot(function neverEnds() {
        return new Promise(() => {});
      });
      await app?.close();
      const base2 = await start(framework, { env: SNAPSTART_ENV, beforeSnapshotTimeoutMs: 3_600_000 });
      const timedOut = await new LwaDriver(base2, { ...LWA, hookLimitMs: 50 }).beforeCheckpoint();
      expect(timedOut.status).toBe('timeout');
    });

    it('refuses a hook request outside SnapStart (403, one line) and a GET (405), and runs nothing', async () => {
      registerFour();
      const base = await start(framework, { env: { ...SNAPSTART_ENV, AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand' } });
      const refused = await new LwaDriver(base, LWA).beforeCheckpoint();
      expect(refused.status).toBe(403);
      expect(refused.body).toMatch(
        /^snapshot-restore: \/_snapshot\/before is Lambda Web Adapter's SnapStart before-checkpoint hook, and this process is not under SnapStart.*nothing ran\n$/,
      );
      expect(refused.body.trim().split('\n')).toHaveLength(1);
      app && (await app.close());
      const base2 = await start(framework, { env: SNAPSTART_ENV });
      const get = await send(base2, '/_snapshot/after', { method: 'GET', limitMs: 5_000 });
      expect(get.status).toBe(405);
      expect(log).toEqual([]);
    });

    it('a before-checkpoint sent again is refused (409): the adapter calls each phase once', async () => {
      registerFour();
      const base = await start(framework, { env: SNAPSTART_ENV });
      const driver = new LwaDriver(base, LWA);
      expect((await driver.beforeCheckpoint()).status).toBe(200);
      expect((await driver.beforeCheckpoint()).status).toBe(409);
      expect(log).toEqual(['before:flushLogs', 'before:closePool']);
    });
  });

  describe('Lambda MicroVMs lifecycle hooks', () => {
    const MICROVM = { platform: 'microvm' as const, env: {} };

    it('ready answers 503 until the app is ready, then runs the before-snapshot hooks once; run passes its payload', async () => {
      registerFour();
      let appReady = false;
      const base = await start(framework, { ...MICROVM, ready: () => appReady });
      const vm = new MicrovmDriver(base);
      const ready = await vm.untilDone('ready', (attempt) => {
        if (attempt === 2) appReady = true;
      });
      expect(ready.status).toBe(200);
      expect(ready.attempts).toBe(3);
      expect(log).toEqual(['before:flushLogs', 'before:closePool']);
      // The platform retries ready: a retry answers at once, and runs nothing again.
      expect((await vm.untilDone('ready')).status).toBe(200);
      expect((await vm.untilDone('validate')).status).toBe(200);
      expect(log).toHaveLength(2);
      const run = await vm.call('run', JSON.stringify({ runHookPayload: 'tenant-42' }));
      expect(run.status).toBe(200);
      expect(log.slice(2)).toEqual(['after:reconnect', 'after:newInstanceId:tenant-42']);
      expect(isRestoring()).toBe(false);
      expect(await (await fetch(`${base}/hello`)).text()).toBe(HELLO);
    });

    it('ready holds a slow phase briefly, then answers 503; a later ask gets its outcome', async () => {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      registerBeforeSnapshot(function slowDrain() {
        return released;
      });
      const base = await start(framework, { ...MICROVM, holdMs: 10 });
      const vm = new MicrovmDriver(base);
      const ready = await vm.untilDone('ready', (attempt) => {
        if (attempt === 1) release();
      });
      expect(ready.status).toBe(200);
      expect(ready.attempts).toBeGreaterThanOrEqual(2);
      expect(vm.calls).toHaveLength(1);
    });

    it('run takes the raw payload too, and refuses one larger than RunMicrovm sends (413, nothing ran)', async () => {
      registerFour();
      const base = await start(framework, MICROVM);
      const vm = new MicrovmDriver(base);
      expect((await vm.call('run', 'x'.repeat(40_000))).status).toBe(413);
      expect(log).toEqual([]);
      expect((await vm.call('run', 'plain-payload')).status).toBe(200);
      expect(log).toEqual(['after:reconnect', 'after:newInstanceId:plain-payload']);
      expect((await vm.call('run', 'again')).status).toBe(200);
      expect(log).toHaveLength(2);
    });

    it('suspend and terminate sent again run nothing twice; resume renews once; a failing hook answers 500', async () => {
      registerFour();
      let terminated = 0;
      const base = await start(framework, { ...MICROVM, onTerminate: () => terminated++ });
      const vm = new MicrovmDriver(base);
      await vm.untilDone('ready');
      await vm.call('run', 'p');
      log.length = 0;
      expect((await vm.call('suspend')).status).toBe(200);
      expect((await vm.call('suspend')).status).toBe(200);
      expect(log).toEqual(['before:flushLogs', 'before:closePool']);
      expect(isRestoring()).toBe(true);
      expect((await vm.call('resume')).status).toBe(200);
      expect((await vm.call('resume')).status).toBe(200);
      expect(log).toEqual(['before:flushLogs', 'before:closePool', 'after:reconnect', 'after:newInstanceId:p']);
      expect(isRestoring()).toBe(false);
      expect((await vm.call('terminate')).status).toBe(200);
      expect((await vm.call('terminate')).status).toBe(200);
      expect(terminated).toBe(1);
      registerAfterRestore(function failsOnResume() {
        throw new Error('no route to db');
      });
      await vm.call('suspend');
      const resume = await vm.call('resume');
      expect(resume.status).toBe(500);
      expect(JSON.parse(resume.body).error).toContain('after-restore hook failsOnResume');
    });

    it('run past its deadline answers 500 naming the hook; a run that never answers is the platform’s timeout', async () => {
      registerAfterRestore(function hangsOnRun() {
        return new Promise(() => {});
      });
      const base = await start(framework, { ...MICROVM, afterRestoreTimeoutMs: 20 });
      const run = await new MicrovmDriver(base).call('run', 'p');
      expect(run.status).toBe(500);
      expect(JSON.parse(run.body).error).toContain('after-restore hook hangsOnRun');
      expect(JSON.parse(run.body).error).toContain('did not finish within 20 ms');
      await app?.close();
      resetHooks();
      registerAfterRestore(function neverAnswers() {
        return new Promise(() => {});
      });
      const base2 = await start(framework, { ...MICROVM, afterRestoreTimeoutMs: 3_600_000 });
      expect((await new MicrovmDriver(base2, { limitMs: { run: 50 } }).call('run', 'p')).status).toBe('timeout');
    });

    it('a MicroVM hook in a process that has not declared the platform is refused (403), and unknown hooks are 404', async () => {
      registerFour();
      const base = await start(framework, { env: {} });
      const refused = await new MicrovmDriver(base).call('run', 'secret');
      expect(refused.status).toBe(403);
      expect(refused.body).toMatch(/^snapshot-restore: .* nothing ran\n$/);
      expect(refused.body).not.toContain('secret');
      expect((await send(base, `${MICROVM_PREFIX}explode`, { limitMs: 5_000 })).status).toBe(404);
      expect(log).toEqual([]);
    });
  });
});
