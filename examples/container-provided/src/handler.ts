import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

const TABLE_NAME = process.env.TABLE_NAME ?? 'orders';

function createClient(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient({}));
}

// Made at init. Every execution environment restored from the snapshot would share them.
let documents = createClient();
// randomUUID() normally draws from a cache of random bytes, and that cache would be in the
// snapshot too, shared by every restore: `disableEntropyCache` bypasses it.
let workerId = randomUUID({ disableEntropyCache: true });

function closeClient(): void {
  documents.destroy();
}

function renewAfterRestore(): void {
  documents = createClient();
  workerId = randomUUID({ disableEntropyCache: true });
  console.info(`after restore: worker ${workerId}`);
}

registerBeforeSnapshot(closeClient);
registerAfterRestore(renewAfterRestore);

// An SQS-triggered worker: stores each order, reports the ones that failed.
export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      const order = JSON.parse(record.body) as { orderId: string };
      await documents.send(new PutCommand({ TableName: TABLE_NAME, Item: { ...order, processedBy: workerId } }));
    } catch {
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
