import { randomBytes } from 'node:crypto';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

const TABLE_NAME = process.env.TABLE_NAME ?? 'orders';

// Made during init. Under SnapStart every execution environment starts from the same snapshot,
// so the client's connections and this token would be shared unless renewed after each restore.
let dynamo = new DynamoDBClient({});
let requestToken = randomBytes(8).toString('hex');

function closeClient(): void {
  console.info('before snapshot: closing the DynamoDB client');
  dynamo.destroy();
}

function renewAfterRestore(maxAttempts: number): void {
  dynamo = new DynamoDBClient({ maxAttempts });
  requestToken = randomBytes(8).toString('hex');
  console.info(`after restore: new DynamoDB client (maxAttempts ${maxAttempts}), token ${requestToken}`);
}

registerBeforeSnapshot(closeClient);
// Arguments after the hook are passed to it each time it runs.
registerAfterRestore(renewAfterRestore, 3);

export const handler = async (event: { orderId: string }) => {
  const { Item } = await dynamo.send(new GetItemCommand({ TableName: TABLE_NAME, Key: { orderId: { S: event.orderId } } }));
  return { orderId: event.orderId, found: Item !== undefined, requestToken };
};
