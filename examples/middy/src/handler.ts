import { randomUUID } from 'node:crypto';
import middy from '@middy/core';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { snapStart } from 'snapshot-restore/lambda';

// Log lines buffered during init. Written out before the snapshot, so that they are written
// once, not again by every execution environment restored from it.
const startupLog: string[] = ['loaded the order routes'];

// One ID per execution environment: made at init, renewed after each restore.
// randomUUID() normally draws from a cache of random bytes, and that cache would be in the
// snapshot too, shared by every restore: `disableEntropyCache` bypasses it.
let environmentId = randomUUID({ disableEntropyCache: true });

// The hooks sit at module top level, next to `middy(...)`: they register during init. Inside the
// handler or a middleware they would register at invoke time, after the snapshot: too late.
registerBeforeSnapshot(function flushStartupLog() {
  for (const line of startupLog.splice(0)) console.info(`startup: ${line}`);
});
registerAfterRestore(function renewEnvironmentId() {
  environmentId = randomUUID({ disableEntropyCache: true });
  console.info(`after restore: environment ${environmentId}`);
});

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyStructuredResultV2;

// A middleware that tells which execution environment answered.
const environmentHeader = (): MiddlewareObj<Event, Result> => ({
  after: async (request) => {
    if (request.response) request.response.headers = { ...request.response.headers, 'x-environment-id': environmentId };
  },
});

const getOrder = async (event: Event): Promise<Result> => ({
  statusCode: 200,
  body: JSON.stringify({ orderId: event.pathParameters?.id ?? null }),
});

export const handler = middy<Event, Result>(getOrder).use(environmentHeader());

await snapStart();
