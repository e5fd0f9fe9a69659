import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { snapStart } from 'snapshot-restore/lambda';
import { TABLE_NAME, documents } from './db.mjs';

export const handler = async (event) => {
  // Made per invoke, so never part of the snapshot.
  const orderId = randomUUID();
  await documents().send(new PutCommand({ TableName: TABLE_NAME, Item: { orderId, customer: event.customer } }));
  return { orderId };
};

await snapStart();
