// The DynamoDB client every function of the service shares, with its SnapStart hooks. The hooks
// register when this module is imported, at init, whichever handler imports it.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

export const TABLE_NAME = process.env.TABLE_NAME ?? 'orders';

function createClient() {
  return DynamoDBDocumentClient.from(new DynamoDBClient({}));
}

let client = createClient();

/** The current client: call it each time, as the client is replaced after a restore. */
export function documents() {
  return client;
}

function closeClient() {
  // Leave no open sockets in the snapshot.
  client.destroy();
}

function reconnect() {
  // Fresh connections and this environment's credentials.
  client = createClient();
  console.info('after restore: new DynamoDB client');
}

registerBeforeSnapshot(closeClient);
registerAfterRestore(reconnect);
