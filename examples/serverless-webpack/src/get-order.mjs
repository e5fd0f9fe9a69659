import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { snapStart } from 'snapshot-restore/lambda';
import { TABLE_NAME, documents } from './db.mjs';

export const handler = async (event) => {
  const { Item } = await documents().send(new GetCommand({ TableName: TABLE_NAME, Key: { orderId: event.orderId } }));
  return Item ?? null;
};

await snapStart();
