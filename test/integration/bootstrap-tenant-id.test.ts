// The tenant id of a tenant-isolated function (docs/bootstrap.md, DESIGN.md "tenant id"): Lambda
// sends it as `Lambda-Runtime-Aws-Tenant-Id` on /invocation/next (aws-lambda-ric 4 reads the same
// header); the handler sees it as `context.tenantId`, and under AWS_LAMBDA_LOG_FORMAT=JSON every
// log record of that invoke carries it, while an invoke without the header has neither.
import { beforeAll, describe, expect, it } from 'vitest';
import { runScenario, type FaultOutcome } from '../helpers/fault-scenarios.js';
import { bootstrapScript, requireBuild } from '../helpers/lifecycle.js';

beforeAll(requireBuild);
const bootstrap = () => [bootstrapScript];
// Logs once per invoke and answers with what the context holds.
const handler = `exports.handler = async (event, context) => {
  console.log("tenant seen", event);
  return { tenantId: context.tenantId === undefined ? "<undefined>" : context.tenantId };
};`;
const TENANT = 'tenant-4f9c';

function records(outcome: FaultOutcome): Array<Record<string, unknown>> {
  return outcome.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
const answerOf = (outcome: FaultOutcome) => JSON.parse(outcome.answer?.body.toString() ?? 'null') as unknown;

describe('tenant id', () => {
  it('Lambda-Runtime-Aws-Tenant-Id: context.tenantId, and tenantId in the JSON records of that invoke only', async () => {
    const outcome = await runScenario({ name: 'tenant', handler, headers: { 'Lambda-Runtime-Aws-Tenant-Id': TENANT } }, bootstrap, {
      env: { AWS_LAMBDA_LOG_FORMAT: 'JSON' },
    });
    expect(outcome.answer?.path).toBe('/runtime/invocation/fault-invoke/response');
    expect(answerOf(outcome)).toEqual({ tenantId: TENANT });
    expect(outcome.nextAnswered).toBe(true);
    const lines = records(outcome);
    const tenantLine = lines.find((record) => record.requestId === 'fault-invoke');
    expect(tenantLine).toMatchObject({ level: 'INFO', requestId: 'fault-invoke', tenantId: TENANT });
    // ric's field order: timestamp, level, requestId, tenantId, message.
    expect(Object.keys(tenantLine ?? {})).toEqual(['timestamp', 'level', 'requestId', 'tenantId', 'message']);
    // The next invoke came without the header: the tenant of the one before must not stick.
    const nextLine = lines.find((record) => record.requestId === 'next-invoke');
    expect(nextLine).toBeDefined();
    expect(nextLine).not.toHaveProperty('tenantId');
  });

  it('no header: context.tenantId is undefined and no JSON record has a tenantId', async () => {
    const outcome = await runScenario({ name: 'no tenant', handler }, bootstrap, { env: { AWS_LAMBDA_LOG_FORMAT: 'JSON' } });
    expect(answerOf(outcome)).toEqual({ tenantId: '<undefined>' });
    const lines = records(outcome);
    expect(lines.filter((record) => record.requestId === 'fault-invoke')).toHaveLength(1);
    for (const record of lines) expect(record).not.toHaveProperty('tenantId');
  });

  it('text format: the line stays timestamp, request id, level, message (the tenant is a JSON field only, as in ric)', async () => {
    const outcome = await runScenario({ name: 'tenant text', handler, headers: { 'Lambda-Runtime-Aws-Tenant-Id': TENANT } }, bootstrap);
    expect(answerOf(outcome)).toEqual({ tenantId: TENANT });
    const line = outcome.stdout.split('\n').find((text) => text.includes('\tfault-invoke\t'));
    expect(line?.split('\t').slice(1)).toEqual(['fault-invoke', 'INFO', 'tenant seen { fault: true }']);
  });
});
