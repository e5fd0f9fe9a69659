// DESIGN.md "Registrations made while a phase is running have one documented, tested behaviour",
// for the after-restore phase (docs/hooks.md "Late registrations"): a phase runs the list as it
// stood when the phase began, so an after-restore hook registered from inside an after-restore
// hook does not run in that phase (and can never run in Lambda: every restore starts from the
// snapshot, taken before it was registered); it is reported once per call site, named, with
// where it was registered. The before-snapshot case is in runtime-hooks.test.ts.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { getAfterRestore, registerAfterRestore } from '../../runtime/index.js';
import { resetHooks, runAfterRestore, simulateSnapStart } from '../../runtime/testing.js';

const thisFile = 'test/unit/runtime-hooks-registered-during-after-restore.test.ts';
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

it('an after-restore hook registered inside an after-restore hook does not run in that phase; the rest run in order', async () => {
  const ran: string[] = [];
  registerAfterRestore(function reconnect() {
    ran.push('reconnect');
    registerAfterRestore(function renewLater() {
      ran.push('renewLater');
    });
  });
  // Registered before the phase, after the hook that registers: it runs, the late one does not.
  registerAfterRestore(async function warmCache() {
    await new Promise(setImmediate);
    ran.push('warmCache');
  });
  await runAfterRestore();
  expect(ran).toEqual(['reconnect', 'warmCache']);
  // Kept in the registry (getAfterRestore shows it), but the phase that was running never saw it.
  expect(getAfterRestore().map((hook) => hook.name)).toEqual(['reconnect', 'warmCache', 'renewLater']);
});

it('the late registration is reported once per call site, naming the function and where it was registered', async () => {
  registerAfterRestore(function reconnect() {
    // Two registrations from one call site: one warning.
    for (let i = 0; i < 2; i++) registerAfterRestore(function renewLater() {});
  });
  await simulateSnapStart();
  const warnings = stderr.join('');
  expect(warnings.match(/registerAfterRestore\(renewLater\)/g)).toHaveLength(1);
  expect(warnings).toMatch(
    new RegExp(
      `registerAfterRestore\\(renewLater\\) at .*${thisFile}:\\d+:\\d+ was called after the after-restore phase began, so this hook can never run in Lambda\\. Register hooks at module top level`,
    ),
  );
});

it('a hook registering an after-restore hook while the phase runs does not stop or fail the phase', async () => {
  const ran: string[] = [];
  registerAfterRestore(() => {
    registerAfterRestore(() => ran.push('late'));
    ran.push('first');
  });
  registerAfterRestore(() => ran.push('second'));
  await expect(runAfterRestore()).resolves.toBeUndefined();
  expect(ran).toEqual(['first', 'second']);
});
