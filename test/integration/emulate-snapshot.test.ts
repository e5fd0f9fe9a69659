// `emulate` end to end, with real V8 startup snapshots and real processes: the lifecycle across
// the snapshot, values the same in every restore, open handles at init, the plain fallback.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emulate } from '../../emulator/snapshot/emulate.js';
import { repoRoot, runtimeAlias } from '../helpers/bundle.js';

const fixture = (name: string) => join(repoRoot, 'fixtures/emulate', name);
const run = (name: string, restores = 3) => emulate({ entry: fixture(name), restores, alias: runtimeAlias, cwd: repoRoot, event: { n: 1 } });

describe('emulate with a real snapshot', () => {
  it('runs init and the before-snapshot hooks once, and the after-restore hooks once in each restored process', async () => {
    const { report } = await run('unique-ids.ts');
    expect(report.mode).toBe('snapshot');
    expect(report.error).toBeUndefined();
    expect(report.build?.snapshotBytes).toBeGreaterThan(1_000_000);
    expect(report.restores).toHaveLength(3);
    const payloads = report.restores.map((restore) => restore.invokes[0].payload as Record<string, unknown>);
    for (const payload of payloads) {
      // The state of the snapshot: the warm-up ran once, in the build, before it was taken.
      expect(payload.warmUps).toBe(1);
      // Each process ran the after-restore hooks once.
      expect(payload.restores).toBe(1);
      expect(payload.event).toEqual({ n: 1 });
    }
    const pids = payloads.map((payload) => payload.pid);
    expect(new Set(pids).size).toBe(3);
    expect(pids).not.toContain(process.pid);
    expect(report.restores.map((restore) => restore.pid)).toEqual(pids);

    expect(report.hooks).toEqual({ beforeSnapshot: ['warmUp'], afterRestore: ['regenerateId', 'reconnect'] });
    expect(report.build?.beforeSnapshotHooks[0].site).toMatch(/^fixtures\/emulate\/unique-ids\.ts:\d+:\d+$/);
    for (const restore of report.restores) {
      expect(restore.afterRestoreHooks.map((hook) => hook.name)).toEqual(['regenerateId', 'reconnect']);
      expect(restore.startMs).toBeGreaterThan(0);
      expect(restore.restoreMs).toBeGreaterThanOrEqual(0);
      expect(restore.firstInvokeMs).toBeGreaterThan(restore.startMs ?? 0);
    }
  });

  it('reports a value made at init as the same in every restore, and not one regenerated after the restore', async () => {
    const { report } = await run('unique-ids.ts', 2);
    const [first, second] = report.restores.map((restore) => restore.invokes[0].payload as { initId: string; restoreId: string });
    expect(first.initId).toBe(second.initId);
    expect(first.restoreId).not.toBe(second.restoreId);

    const initId = report.sameValues.find((same) => same.value === first.initId);
    expect(initId).toMatchObject({ looksLike: 'a UUID' });
    // Seen both in the module scope of each process and in the responses.
    expect(initId?.where).toEqual(expect.arrayContaining(['module initId', 'response.initId']));
    const values = report.sameValues.map((same) => same.value);
    expect(values).not.toContain(first.restoreId);
    expect(values).not.toContain(second.restoreId);
    // The timestamp taken at init is stale in every restore.
    expect(report.sameValues.some((same) => same.where.includes('module state.startedAt'))).toBe(true);
  });

  it('renews the randomUUID() cache at each restore, so IDs made after the restore differ', async () => {
    const { report } = await run('uuid-cache.ts', 3);
    expect(report.mode).toBe('snapshot');
    const payloads = report.restores.map((restore) => restore.invokes[0].payload as { bootId: string; requestId: string });
    expect(new Set(payloads.map((payload) => payload.bootId)).size).toBe(1);
    expect(new Set(payloads.map((payload) => payload.requestId)).size).toBe(3);
  });

  it('applies the deadlines the module passes to snapStart()', async () => {
    const { report } = await run('slow-restore.ts', 1);
    expect(JSON.stringify(report.restores[0])).toMatch(/after-restore hook slowReconnect \(registered at [^)]*\) did not finish within 100 ms/);
  });

  it('names what init left open instead of hanging', async () => {
    // A hang would end at the test's timeout; the report naming the handles is what says it did not.
    const { report } = await run('open-server.ts');
    expect(report.error).toMatch(/2 handles open/);
    expect(report.restores).toHaveLength(0);
    expect(report.openHandles).toEqual([
      expect.objectContaining({
        kind: 'server',
        description: expect.stringMatching(/^a server listening on 127\.0\.0\.1:\d+$/),
        site: expect.stringMatching(/^fixtures\/emulate\/open-server\.ts:5:/),
      }),
      expect.objectContaining({ kind: 'timer', description: 'an interval every 60000 ms (pollMetrics)', site: expect.stringMatching(/^fixtures\/emulate\/open-server\.ts:6:/) }),
    ]);
  });

  it('snapshots a function that constructs an HTTPS agent at init (a stand-in, not node:https itself)', async () => {
    const { report } = await run('uses-https.ts', 2);
    expect(report.mode).toBe('snapshot');
    expect(report.unsupported).toEqual([]);
    expect(report.hooks).toEqual({ beforeSnapshot: ['closeAgent'], afterRestore: ['noteRestore'] });
    for (const restore of report.restores) {
      expect(restore.error).toBeUndefined();
      expect(restore.invokes[0].payload).toMatchObject({ agent: 'function' });
    }
  });

  it('runs plain processes when asked, each with its own init', async () => {
    const { report } = await emulate({ entry: fixture('uses-https.ts'), restores: 2, alias: runtimeAlias, cwd: repoRoot, plain: true });
    expect(report.mode).toBe('plain');
    expect(report.fallbackReason).toMatch(/--plain/);
    expect(report.restores).toHaveLength(2);
    for (const restore of report.restores) {
      expect(restore.error).toBeUndefined();
      expect(restore.invokes[0].ok).toBe(true);
      // Each plain process ran its own init and before-snapshot hooks.
      expect(restore.init?.beforeSnapshotHooks.map((hook) => hook.name)).toEqual(['closeAgent']);
      expect(restore.afterRestoreHooks.map((hook) => hook.name)).toEqual(['noteRestore']);
    }
    // Each process made its own ID at init: nothing is shared without a snapshot.
    const ids = report.restores.map((restore) => (restore.invokes[0].payload as { initId: string }).initId);
    expect(ids[0]).not.toBe(ids[1]);
    expect(report.sameValues).toEqual([]);
  });
});
