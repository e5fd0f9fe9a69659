import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { snapStart } from 'snapshot-restore/lambda';

const TABLE_NAME = process.env.TABLE_NAME ?? 'orders';

function createClient(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient({}));
}

// Made at init; under SnapStart, renewed in each restored execution environment.
let documents = createClient();
// randomUUID() normally draws from a cache of random bytes, and that cache would be in the
// snapshot too, shared by every restore: `disableEntropyCache` bypasses it.
let environmentId = randomUUID({ disableEntropyCache: true });

function closeClient(): void {
  documents.destroy();
}

function renewAfterRestore(): void {
  documents = createClient();
  environmentId = randomUUID({ disableEntropyCache: true });
  console.info(`after restore: environment ${environmentId}`);
}

registerBeforeSnapshot(closeClient);
registerAfterRestore(renewAfterRestore);

export const handler = async (event: { customer: string }) => {
  const orderId = randomUUID();
  await documents.send(new PutCommand({ TableName: TABLE_NAME, Item: { orderId, customer: event.customer, environmentId } }));
  return { orderId, environmentId };
};

await snapStart();
