import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { snapStart } from 'snapshot-restore/lambda';

const TABLE_NAME = process.env.TABLE_NAME ?? 'orders';

function createClient(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient({}));
}

// Made during init, so that the first invoke does not pay for them. Under SnapStart, init runs
// once and every execution environment starts from the same snapshot of memory: both values
// would be shared by all of them unless they are renewed after each restore.
let documents = createClient();
// randomUUID() normally draws from a cache of random bytes, and that cache would be in the
// snapshot too, shared by every restore: `disableEntropyCache` bypasses it.
let environmentId = randomUUID({ disableEntropyCache: true });

function closeClient(): void {
  // Leave no open sockets in the snapshot.
  console.info('before snapshot: closing the DynamoDB client');
  documents.destroy();
}

function renewAfterRestore(): void {
  // A fresh client opens fresh connections and picks up this environment's credentials.
  documents = createClient();
  // One ID per execution environment, not one per snapshot.
  environmentId = randomUUID({ disableEntropyCache: true });
  console.info(`after restore: new DynamoDB client, environment ${environmentId}`);
}

registerBeforeSnapshot(closeClient);
registerAfterRestore(renewAfterRestore);

export const handler = async (event: { orderId: string }) => {
  await documents.send(new PutCommand({ TableName: TABLE_NAME, Item: { orderId: event.orderId, environmentId } }));
  return { orderId: event.orderId, environmentId };
};

// Last statement of the module: init is complete, run the SnapStart lifecycle now.
await snapStart();
