// One log record per lifecycle phase, so that a team sees on CloudWatch that its hooks ran, which,
// and for how long: written with console.info, which Lambda's runtime clients (aws-lambda-ric and
// the bootstrap, runtime/invoke/logging.ts) turn into Lambda's formats: a text line
// (timestamp, request ID, INFO, message) or, with AWS_LAMBDA_LOG_FORMAT=JSON, one object whose
// `message` is the record. With SNAPSHOT_RESTORE_EMF_NAMESPACE set, the restore also writes a
// CloudWatch embedded-metric-format document on stdout (raw JSON: CloudWatch reads metrics only
// from a log event that is a JSON object as a whole). SNAPSHOT_RESTORE_RECORD=off turns records off.
import { phaseLabel, type PhaseName } from '../hooks/registry.js';

export const RECORD_VARIABLES = { record: 'SNAPSHOT_RESTORE_RECORD', emfNamespace: 'SNAPSHOT_RESTORE_EMF_NAMESPACE' } as const;

export interface HookTime {
  name: string;
  site: string;
  durationMs: number;
  failed?: boolean;
}

export interface PhaseRecord {
  phase: PhaseName;
  /** The restore's number in this process (after-restore phase only). */
  restore?: number;
  totalMs: number;
  hooks: HookTime[];
  /** What the runtime renewed before the hooks (after-restore phase only). */
  renewal?: { sockets: number; durationMs: number };
  /** Wall-clock time from the end of the before-snapshot phase to the restore, when this process ran both. */
  sinceSnapshotMs?: number;
  failed?: boolean;
}

const ms = (value: number) => Math.round(value * 1000) / 1000;

/** The record as an object (the JSON log format's message, and what tests read). */
export function recordObject(record: PhaseRecord): Record<string, unknown> {
  return {
    type: `snapshot-restore.${phaseLabel[record.phase]}`,
    ...(record.restore === undefined ? {} : { restore: record.restore }),
    phase: phaseLabel[record.phase],
    totalMs: ms(record.totalMs),
    ...(record.renewal ? { renewMs: ms(record.renewal.durationMs), renewedSockets: record.renewal.sockets } : {}),
    ...(record.sinceSnapshotMs === undefined ? {} : { sinceSnapshotMs: Math.round(record.sinceSnapshotMs) }),
    ...(record.failed ? { failed: true } : {}),
    hooks: record.hooks.map((hook) => ({ name: hook.name, site: hook.site, durationMs: ms(hook.durationMs), ...(hook.failed ? { failed: true } : {}) })),
  };
}

/** The record as one line of text. */
export function recordText(record: PhaseRecord): string {
  const head = record.restore === undefined ? `snapshot-restore ${phaseLabel[record.phase]}` : `snapshot-restore restore ${record.restore}: ${phaseLabel[record.phase]}`;
  const details: string[] = [];
  if (record.renewal)
    details.push(`renewed in ${record.renewal.durationMs.toFixed(2)} ms, ${record.renewal.sockets} pooled socket${record.renewal.sockets === 1 ? '' : 's'} closed`);
  if (record.sinceSnapshotMs !== undefined) details.push(`${(record.sinceSnapshotMs / 1000).toFixed(1)} s after the snapshot`);
  const hooks = record.hooks.map((hook) => `${hook.name} (${hook.site}) ${hook.durationMs.toFixed(2)} ms${hook.failed ? ' FAILED' : ''}`);
  return `${head} ${record.failed ? 'failed after' : 'in'} ${record.totalMs.toFixed(2)} ms${details.length ? ` (${details.join('; ')})` : ''}; ${hooks.length} hook${hooks.length === 1 ? '' : 's'}${hooks.length ? `: ${hooks.join(', ')}` : ''}`;
}

/** A CloudWatch embedded-metric-format document for a restore (the spec's root object). */
export function emfRecord(record: PhaseRecord, namespace: string, env: NodeJS.ProcessEnv = process.env, now = Date.now()): Record<string, unknown> {
  const metrics: Array<{ Name: string; Unit: string }> = [
    { Name: 'Restores', Unit: 'Count' },
    { Name: 'AfterRestoreDuration', Unit: 'Milliseconds' },
  ];
  const values: Record<string, number> = { Restores: 1, AfterRestoreDuration: ms(record.totalMs) };
  if (record.renewal) {
    metrics.push({ Name: 'RenewalDuration', Unit: 'Milliseconds' });
    values.RenewalDuration = ms(record.renewal.durationMs);
  }
  if (record.sinceSnapshotMs !== undefined) {
    metrics.push({ Name: 'SinceSnapshot', Unit: 'Seconds' });
    values.SinceSnapshot = Math.round(record.sinceSnapshotMs) / 1000;
  }
  return {
    _aws: { Timestamp: now, CloudWatchMetrics: [{ Namespace: namespace, Dimensions: [['FunctionName']], Metrics: metrics }] },
    FunctionName: env.AWS_LAMBDA_FUNCTION_NAME || 'unknown',
    ...values,
    restore: record.restore,
    hooks: recordObject(record).hooks,
  };
}

/** Writes the record as the runtime does after each phase. */
export function writePhaseRecord(record: PhaseRecord, env: NodeJS.ProcessEnv = process.env): void {
  if (env[RECORD_VARIABLES.record]?.toLowerCase() === 'off') return;
  try {
    console.info(env.AWS_LAMBDA_LOG_FORMAT?.toUpperCase() === 'JSON' ? recordObject(record) : recordText(record));
    const namespace = env[RECORD_VARIABLES.emfNamespace]?.trim();
    if (namespace && record.phase === 'afterRestore') process.stdout.write(`${JSON.stringify(emfRecord(record, namespace, env))}\n`);
  } catch {
    // A record must never fail a restore (a hook name getter that throws, a closed stdout).
  }
}
