import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { snapStart } from 'snapshot-restore/lambda';
import { TABLE_NAME, documents } from './db.js';

export const handler = async (event: { orderId: string }) => {
  const { Item } = await documents().send(new GetCommand({ TableName: TABLE_NAME, Key: { orderId: event.orderId } }));
  return Item ?? null;
};

await snapStart();
