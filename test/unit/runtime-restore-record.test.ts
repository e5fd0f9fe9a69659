// The record of each phase: through the real lifecycle functions (hooks registered, the phases
// run), in Lambda's text and JSON formats as the bootstrap's console writes them, with the
// restore's number, each hook's name, site and time, the total, the time since the snapshot;
// the opt-in EMF document validated against a schema written from AWS's specification.
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerAfterRestore, registerBeforeSnapshot } from '../../runtime/index.js';
import { runAfterRestorePhase as afterRestorePhase, runBeforeSnapshotPhase as beforeSnapshotPhase } from '../../runtime/lifecycle/restore-phase.js';
import { emfRecord, type PhaseRecord, recordText } from '../../runtime/lifecycle/restore-record.js';
import { isRestored, restoreCount, restoreState } from '../../runtime/lifecycle/restore-state.js';
import { resetHooks } from '../../runtime/testing.js';

const schema = JSON.parse(readFileSync(new URL('../../docs/emf.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv({ allErrors: true }).compile(schema);

/** The spec's rule across the document: each referenced dimension and metric is a root member of its type. */
function targetMembersMissing(document: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const directive of (document._aws as { CloudWatchMetrics: Array<{ Dimensions: string[][]; Metrics: Array<{ Name: string }> }> }).CloudWatchMetrics) {
    for (const name of directive.Dimensions.flat()) if (typeof document[name] !== 'string') problems.push(`dimension ${name}`);
    for (const { Name } of directive.Metrics) {
      const value = document[Name];
      const ok = typeof value === 'number' || (Array.isArray(value) && value.length <= 100 && value.every((v) => typeof v === 'number'));
      if (!ok) problems.push(`metric ${Name}`);
    }
  }
  return problems;
}

let lines: unknown[];
const saved = { ...process.env };

beforeEach(() => {
  resetHooks();
  const state = restoreState();
  state.count = 0;
  delete state.snapshotAt;
  lines = [];
  vi.spyOn(console, 'info').mockImplementation((message: unknown) => void lines.push(message));
});
afterEach(() => {
  vi.restoreAllMocks();
  process.env = { ...saved };
});

function hooks(): void {
  registerBeforeSnapshot(function closePool() {});
  registerAfterRestore(function reconnect() {});
  registerAfterRestore(async function warmCache() {
    await new Promise((resolve) => setImmediate(resolve));
  });
}

describe('one record per phase', () => {
  it('text: the restore number, each hook with its site and time, the total, the time since the snapshot', async () => {
    hooks();
    expect(isRestored()).toBe(false);
    await beforeSnapshotPhase();
    await afterRestorePhase();
    expect(restoreCount()).toBe(1);
    expect(isRestored()).toBe(true);
    expect(lines).toHaveLength(2);
    const [before, after] = lines as string[];
    expect(before).toMatch(/^snapshot-restore before-snapshot in \d+\.\d\d ms; 1 hook: closePool \(.*runtime-restore-record\.test\.ts:\d+:\d+\) \d+\.\d\d ms$/);
    expect(after).toMatch(
      /^snapshot-restore restore 1: after-restore in \d+\.\d\d ms \(renewed in \d+\.\d\d ms, \d+ pooled sockets? closed; \d+\.\d s after the snapshot\); 2 hooks: reconnect \(.*test\.ts:\d+:\d+\) \d+\.\d\d ms, warmCache \(.*test\.ts:\d+:\d+\) \d+\.\d\d ms$/,
    );
    await afterRestorePhase();
    expect(lines[2]).toMatch(/^snapshot-restore restore 2: /);
  });

  it('JSON: one object as the message, as AWS_LAMBDA_LOG_FORMAT=JSON asks', async () => {
    process.env.AWS_LAMBDA_LOG_FORMAT = 'JSON';
    hooks();
    await beforeSnapshotPhase();
    await afterRestorePhase();
    const [before, after] = lines as Array<Record<string, any>>;
    expect(before).toMatchObject({ type: 'snapshot-restore.before-snapshot', phase: 'before-snapshot', hooks: [{ name: 'closePool' }] });
    expect(after).toMatchObject({ type: 'snapshot-restore.after-restore', restore: 1, phase: 'after-restore', renewedSockets: expect.any(Number) });
    expect(after.hooks.map((hook: { name: string }) => hook.name)).toEqual(['reconnect', 'warmCache']);
    for (const hook of after.hooks) expect(hook.site).toMatch(/runtime-restore-record\.test\.ts:\d+:\d+$/);
    expect(after.totalMs).toBeGreaterThanOrEqual(after.hooks[0].durationMs + after.hooks[1].durationMs);
    expect(after.sinceSnapshotMs).toBeGreaterThanOrEqual(0);
    // The bootstrap's JSON format carries it as the record's message (runtime/invoke/logging.ts).
    expect(JSON.parse(JSON.stringify(after))).toEqual(after);
  });

  it('no time since the snapshot when this process did not run the before-snapshot phase', async () => {
    await afterRestorePhase();
    expect(lines[0]).toMatch(/^snapshot-restore restore 1: after-restore in [\d.]+ ms \(renewed in [\d.]+ ms, \d+ pooled sockets? closed\); 0 hooks$/);
  });

  it('a failing hook is named in the record, and the phase still fails', async () => {
    registerAfterRestore(function broken() {
      throw new Error('no');
    });
    await expect(afterRestorePhase()).rejects.toThrow(/broken/);
    expect(lines[0]).toMatch(/failed after [\d.]+ ms .*broken \(.*\) [\d.]+ ms FAILED$/);
  });

  it('SNAPSHOT_RESTORE_RECORD=off writes nothing', async () => {
    process.env.SNAPSHOT_RESTORE_RECORD = 'off';
    await afterRestorePhase();
    expect(lines).toEqual([]);
  });
});

describe('the embedded-metric-format record (opt-in)', () => {
  const record: PhaseRecord = {
    phase: 'afterRestore',
    restore: 1,
    totalMs: 3.25,
    renewal: { sockets: 2, durationMs: 0.4 },
    sinceSnapshotMs: 161_000,
    hooks: [{ name: 'reconnect', site: 'src/db.ts:3:1', durationMs: 2.5 }],
  };

  it('is valid against the specification, with every referenced member present', () => {
    const document = emfRecord(record, 'MyApp', { AWS_LAMBDA_FUNCTION_NAME: 'orders' });
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
    expect(targetMembersMissing(document)).toEqual([]);
    expect(document).toMatchObject({ FunctionName: 'orders', Restores: 1, AfterRestoreDuration: 3.25, RenewalDuration: 0.4, SinceSnapshot: 161 });
  });

  it('without the time since the snapshot, still valid (the metric is left out, not null)', () => {
    const document = emfRecord({ ...record, sinceSnapshotMs: undefined }, 'MyApp', {});
    expect(validate(document)).toBe(true);
    expect(targetMembersMissing(document)).toEqual([]);
    expect(document).not.toHaveProperty('SinceSnapshot');
  });

  it('the schema rejects what the specification forbids (so the check above can fail)', () => {
    const document = emfRecord(record, 'MyApp', {});
    const bad = (change: (doc: any) => void) => {
      const copy = structuredClone(document) as any;
      change(copy);
      return validate(copy) && targetMembersMissing(copy).length === 0;
    };
    expect(bad((doc) => (doc._aws.CloudWatchMetrics[0].Metrics[0].Unit = 'Millis'))).toBe(false);
    expect(bad((doc) => (doc._aws.CloudWatchMetrics[0].Namespace = ' '))).toBe(false);
    expect(bad((doc) => delete doc._aws.Timestamp)).toBe(false);
    expect(bad((doc) => delete doc.Restores)).toBe(false);
    expect(bad((doc) => (doc.FunctionName = 3))).toBe(false);
  });

  it('is written on stdout as one raw JSON line when SNAPSHOT_RESTORE_EMF_NAMESPACE is set', async () => {
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => {
      written.push(String(chunk));
      return true;
    });
    process.env.SNAPSHOT_RESTORE_EMF_NAMESPACE = 'MyApp';
    await afterRestorePhase();
    vi.mocked(process.stdout.write).mockRestore();
    expect(written).toHaveLength(1);
    const document = JSON.parse(written[0]);
    expect(validate(document)).toBe(true);
    expect(document._aws.CloudWatchMetrics[0].Namespace).toBe('MyApp');
  });
});

describe('recordText', () => {
  it('says "1 hook" and "1 pooled socket" in the singular', () => {
    expect(recordText({ phase: 'afterRestore', restore: 3, totalMs: 1, renewal: { sockets: 1, durationMs: 0.5 }, hooks: [{ name: 'a', site: 's:1:1', durationMs: 1 }] })).toBe(
      'snapshot-restore restore 3: after-restore in 1.00 ms (renewed in 0.50 ms, 1 pooled socket closed); 1 hook: a (s:1:1) 1.00 ms',
    );
  });
});
