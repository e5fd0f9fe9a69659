import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { snapStart } from 'snapshot-restore/lambda';

const TABLE_NAME = process.env.TABLE_NAME ?? 'orders';

// No credentials here: the SDK finds them itself. Under SnapStart Lambda gives no
// AWS_ACCESS_KEY_ID; the SDK fetches them from AWS_CONTAINER_CREDENTIALS_FULL_URI.
let client = new DynamoDBClient({});
let documents = DynamoDBDocumentClient.from(client);

// Priming: one request during init loads and runs the SDK's code paths, so that the snapshot
// holds them warm. It also leaves an open connection and cached credentials, which would be
// stale in every restored environment: hence the two hooks below.
await documents.send(new GetCommand({ TableName: TABLE_NAME, Key: { orderId: 'priming' } })).catch((error: Error) => console.warn(`priming request failed: ${error.message}`));

registerBeforeSnapshot(function closeClient() {
  // The DynamoDB client owns the connections: DynamoDBDocumentClient.destroy() does nothing
  // (lib-dynamodb leaves the client it wraps to its owner).
  client.destroy();
});
registerAfterRestore(function replaceClient() {
  // New connections, and credentials fetched for this environment.
  client = new DynamoDBClient({});
  documents = DynamoDBDocumentClient.from(client);
  console.info('after restore: new DynamoDB client');
});

export const handler = async (event: { orderId: string; total: number }) => {
  await documents.send(new PutCommand({ TableName: TABLE_NAME, Item: { orderId: event.orderId, total: event.total } }));
  return { saved: event.orderId };
};

await snapStart();
