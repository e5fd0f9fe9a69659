// AWS SDK v3: clients are fine at init; the SDK retries requests on reset sockets.
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';

export const client = new DynamoDBClient({}); // expect: none (the NodeHttpHandler creates its agents on first request; credentials are refreshed by the provider chain)
export const table = await client.send(new DescribeTableCommand({ TableName: 'app' })); // expect: none (priming, as AWS recommends: a stale keep-alive socket fails with ECONNRESET/EPIPE, which @smithy/core/dist-cjs/submodules/retry/index.js counts as transient and retries)

export const handler = async () => client.send(new DescribeTableCommand({ TableName: 'app' })); // expect: none (in the handler)
