// The Powertools recipe of docs/restores.md, with the real Logger and Metrics (pinned versions):
// Powertools treats AWS_LAMBDA_INITIALIZATION_TYPE=snap-start as unknown, so its own cold-start
// flag and metric never fire on a restore (shown first); the recipe's after-restore hook marks the
// logs and emits the ColdStart metric when the runtime runs the after-restore phase.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerAfterRestore } from '../../runtime/index.js';
import { runAfterRestorePhase } from '../../runtime/lifecycle/restore-phase.js';
import { restoreState } from '../../runtime/lifecycle/restore-state.js';
import { restoreCount } from '../../runtime/restores.js';
import { fakeLambdaEnv, resetHooks } from '../../runtime/testing.js';

let written: string[];
let restoreEnv: () => void;

beforeEach(() => {
  resetHooks();
  restoreState().count = 0;
  restoreEnv = fakeLambdaEnv({ AWS_LAMBDA_FUNCTION_NAME: 'orders', POWERTOOLS_DEV: undefined, SNAPSHOT_RESTORE_RECORD: 'off' });
  written = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => {
    written.push(String(chunk));
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  restoreEnv();
});

const records = () =>
  written
    .join('')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));

describe('Powertools under SnapStart', () => {
  it('on its own, never sees a cold start under snap-start', () => {
    const metrics = new Metrics({ namespace: 'MyApp', serviceName: 'orders' });
    metrics.captureColdStartMetric();
    const logger = new Logger({ serviceName: 'orders' });
    logger.addContext({ functionName: 'orders', awsRequestId: '1' } as never);
    logger.info('first invoke');
    expect(records().filter((record) => record._aws)).toEqual([]);
    expect(records().find((record) => record.message === 'first invoke')?.cold_start).toBe(false);
  });

  it("with the recipe's hook, the restore is in the logs and the ColdStart metric is emitted", async () => {
    const logger = new Logger({ serviceName: 'orders' });
    const metrics = new Metrics({ namespace: 'MyApp', serviceName: 'orders' });
    registerAfterRestore(function markRestore() {
      logger.appendPersistentKeys({ restored: true, restore_count: restoreCount() });
      const single = metrics.singleMetric();
      single.addDimension('function_name', process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'unknown');
      single.addMetric('ColdStart', MetricUnit.Count, 1);
    });
    await runAfterRestorePhase();
    logger.info('first invoke after the restore');
    const emf = records().filter((record) => record._aws);
    expect(emf).toHaveLength(1);
    expect(emf[0]).toMatchObject({ ColdStart: 1, function_name: 'orders', service: 'orders' });
    expect(emf[0]._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'MyApp', Metrics: [{ Name: 'ColdStart', Unit: 'Count' }] });
    expect(records().find((record) => record.message === 'first invoke after the restore')).toMatchObject({ restored: true, restore_count: 1 });
  });
});
