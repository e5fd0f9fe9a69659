// The hook runtime's rules (the seed's description and DESIGN.md "Hook semantics"), one test each.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getAfterRestore, getBeforeSnapshot, registerAfterRestore, registerBeforeSnapshot } from '../../runtime/index.js';
import { HookError, resetHooks, runAfterRestore, runBeforeSnapshot, simulateSnapStart } from '../../runtime/testing.js';
import { HANG_MS } from '../helpers/hang.js';

const thisFile = 'test/unit/runtime-hooks.test.ts';
let stderr: string[];

beforeEach(() => {
  resetHooks();
  stderr = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr.push(String(chunk));
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

async function failure(run: Promise<void>): Promise<HookError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HookError);
  return error as HookError;
}

describe('order', () => {
  it('runs before-snapshot hooks in reverse registration order', async () => {
    const ran: string[] = [];
    registerBeforeSnapshot(() => ran.push('first'));
    registerBeforeSnapshot(() => ran.push('second'));
    registerBeforeSnapshot(() => ran.push('third'));
    await runBeforeSnapshot();
    expect(ran).toEqual(['third', 'second', 'first']);
  });

  it('runs after-restore hooks in registration order', async () => {
    const ran: string[] = [];
    registerAfterRestore(() => ran.push('first'));
    registerAfterRestore(() => ran.push('second'));
    registerAfterRestore(() => ran.push('third'));
    await runAfterRestore();
    expect(ran).toEqual(['first', 'second', 'third']);
  });

  it('runs a function registered twice twice', async () => {
    let count = 0;
    const hook = () => count++;
    registerAfterRestore(hook);
    registerAfterRestore(hook);
    registerBeforeSnapshot(hook);
    registerBeforeSnapshot(hook);
    await simulateSnapStart();
    expect(count).toBe(4);
  });
});

describe('registration', () => {
  it('returns the function it registers', () => {
    const hook = () => {};
    expect(registerBeforeSnapshot(hook)).toBe(hook);
    expect(registerAfterRestore(hook)).toBe(hook);
  });

  it('passes the bound arguments on each run', async () => {
    const calls: unknown[][] = [];
    const connect = (host: string, port: number) => void calls.push([host, port]);
    registerAfterRestore(connect, 'db.internal', 5432);
    await runAfterRestore();
    await runAfterRestore();
    expect(calls).toEqual([
      ['db.internal', 5432],
      ['db.internal', 5432],
    ]);
  });

  it('lists registered hooks in registration order with name, arguments and call site', () => {
    function flush(_when: string) {}
    function reconnect() {}
    registerBeforeSnapshot(flush, 'now');
    registerAfterRestore(reconnect);
    registerAfterRestore(() => {});
    const [before] = getBeforeSnapshot();
    expect(before.fn).toBe(flush);
    expect(before.args).toEqual(['now']);
    expect(before.name).toBe('flush');
    expect(before.site).toMatch(new RegExp(`${thisFile}:\\d+:\\d+$`));
    expect(getAfterRestore().map((hook) => hook.name)).toEqual(['reconnect', '<anonymous>']);
  });

  it('returns copies of the lists, so callers cannot change the registry', () => {
    registerAfterRestore(() => {});
    getAfterRestore().length = 0;
    expect(getAfterRestore()).toHaveLength(1);
  });

  it.each([
    [42, 'was given 42'],
    ['reconnect', 'was given the string "reconnect"'],
    [null, 'was given null'],
    [undefined, 'was given undefined'],
    [{ fn() {} }, 'was given an object'],
  ])('rejects %j with a TypeError that names the function and what was passed', (value, expected) => {
    // Not a function: what plain JavaScript (or an `any`) can pass.
    const notAFunction = value as unknown as () => void;
    expect(() => registerAfterRestore(notAFunction)).toThrow(TypeError);
    expect(() => registerAfterRestore(notAFunction)).toThrow(`registerAfterRestore expects a function to register, but ${expected}`);
    expect(() => registerBeforeSnapshot(notAFunction)).toThrow(`registerBeforeSnapshot expects a function to register, but ${expected}`);
    expect(getAfterRestore()).toHaveLength(0);
  });
});

describe('async hooks', () => {
  it('awaits each hook before starting the next, sync and async alike', async () => {
    const events: string[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    registerAfterRestore(async () => {
      events.push('slow start');
      await released;
      events.push('slow end');
    });
    registerAfterRestore(() => events.push('sync'));
    registerAfterRestore(async () => {
      events.push('fast start');
      await Promise.resolve();
      events.push('fast end');
    });
    const running = runAfterRestore();
    // The first hook is waiting: a full turn of the event loop starts nothing else.
    await new Promise(setImmediate);
    expect(events).toEqual(['slow start']);
    release();
    await running;
    expect(events).toEqual(['slow start', 'slow end', 'sync', 'fast start', 'fast end']);
  });
});

describe('failures', () => {
  it('stops the remaining hooks, names the failing hook and its site, keeps the cause', async () => {
    const ran: string[] = [];
    const original = new Error('connection refused');
    registerAfterRestore(() => ran.push('a'));
    registerAfterRestore(async function reconnect() {
      throw original;
    });
    registerAfterRestore(() => ran.push('c'));
    registerAfterRestore(() => ran.push('d'));
    const error = await failure(runAfterRestore());
    expect(ran).toEqual(['a']);
    expect(error.cause).toBe(original);
    expect(error.hookName).toBe('reconnect');
    expect(error.phase).toBe('afterRestore');
    expect(error.skipped).toBe(2);
    expect(error.message).toMatch(
      new RegExp(`^after-restore hook reconnect \\(registered at .*${thisFile}:\\d+:\\d+\\) failed: Error: connection refused; 2 later after-restore hooks did not run$`),
    );
  });

  it('reports a synchronous throw of a non-Error value as it was thrown', async () => {
    registerBeforeSnapshot(() => {
      throw 'disk full';
    });
    const error = await failure(runBeforeSnapshot());
    expect(error.cause).toBe('disk full');
    expect(error.message).toContain('<anonymous>');
    expect(error.message).toContain('failed: disk full');
    expect(error.skipped).toBe(0);
  });

  it('stops before-snapshot hooks at the first failure in run (reverse) order', async () => {
    const ran: string[] = [];
    registerBeforeSnapshot(() => ran.push('registered first, runs last'));
    registerBeforeSnapshot(function flush() {
      throw new Error('nope');
    });
    registerBeforeSnapshot(() => ran.push('registered last, runs first'));
    const error = await failure(runBeforeSnapshot());
    expect(ran).toEqual(['registered last, runs first']);
    expect(error.message).toMatch(/^before-snapshot hook flush .* 1 later before-snapshot hook did not run$/);
  });
});

describe('deadline', () => {
  it('fails an async hook that runs past the phase deadline, naming it', async () => {
    let laterRan = false;
    registerAfterRestore(async function warmCache() {
      await new Promise(() => {}); // never finishes
    });
    registerAfterRestore(() => (laterRan = true));
    const error = await failure(runAfterRestore({ timeoutMs: 50 }));
    expect(error.timedOut).toBe(true);
    expect(error.hookName).toBe('warmCache');
    expect(error.message).toMatch(/^after-restore hook warmCache \(registered at .*\) did not finish within 50 ms; 1 later/);
    expect(laterRan).toBe(false);
  });

  it('fails a synchronous hook that overran the deadline once it returns', async () => {
    registerBeforeSnapshot(function busyLoop() {
      const end = Date.now() + 30;
      while (Date.now() < end);
    });
    const error = await failure(runBeforeSnapshot({ timeoutMs: 10 }));
    expect(error.timedOut).toBe(true);
    expect(error.hookName).toBe('busyLoop');
  });

  it('reports, not swallows, a hook that rejects after its deadline', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    registerAfterRestore(async function late() {
      await released;
      throw new Error('too late to matter');
    });
    await failure(runAfterRestore({ timeoutMs: 10 }));
    release(); // the deadline has passed: now it rejects
    await vi.waitFor(() => expect(stderr.join('')).toContain('too late to matter'), { timeout: HANG_MS });
    expect(stderr.join('')).toContain('hook late');
    expect(stderr.join('')).toContain('too late to matter');
  });

  it('lets hooks that finish in time pass', async () => {
    registerAfterRestore(async () => new Promise(setImmediate)); // async: finishes a turn later
    // A deadline no correct hook reaches, however busy the machine: the test is that one that is met passes.
    await expect(runAfterRestore({ timeoutMs: HANG_MS })).resolves.toBeUndefined();
  });
});

describe('late registrations', () => {
  it('a hook registered in the handler (after init) never runs, and is reported once per call site', async () => {
    const ran: string[] = [];
    await simulateSnapStart(); // init is over: Lambda has snapshotted and restored
    const handler = () => {
      registerAfterRestore(function renewInHandler() {
        ran.push('renew');
      });
      registerBeforeSnapshot(function flushInHandler() {
        ran.push('flush');
      });
      return 'ok';
    };
    expect(handler()).toBe('ok');
    expect(handler()).toBe('ok');
    expect(ran).toEqual([]);
    const warnings = stderr.join('');
    expect(warnings.match(/renewInHandler/g)).toHaveLength(1);
    expect(warnings.match(/flushInHandler/g)).toHaveLength(1);
    expect(warnings).toMatch(
      new RegExp(
        `registerAfterRestore\\(renewInHandler\\) at .*${thisFile}:\\d+:\\d+ was called after the after-restore phase began, so this hook can never run in Lambda\\. Register hooks at module top level`,
      ),
    );
  });

  it('a before-snapshot hook registered while that phase runs does not run in it, and is reported', async () => {
    const ran: string[] = [];
    registerBeforeSnapshot(() => {
      ran.push('outer');
      registerBeforeSnapshot(() => ran.push('inner'));
    });
    await runBeforeSnapshot();
    expect(ran).toEqual(['outer']);
    expect(stderr.join('')).toContain('after the before-snapshot phase began');
  });

  it('an after-restore hook registered by a before-snapshot hook is on time and runs after the restore', async () => {
    const ran: string[] = [];
    registerBeforeSnapshot(() => {
      ran.push('close');
      registerAfterRestore(() => ran.push('reopen'));
    });
    await simulateSnapStart();
    expect(ran).toEqual(['close', 'reopen']);
    expect(stderr.join('')).toBe('');
  });

  it('registrations before any phase print nothing', () => {
    registerAfterRestore(() => {});
    registerBeforeSnapshot(() => {});
    expect(stderr).toEqual([]);
  });
});
