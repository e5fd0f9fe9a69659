// Shape: re-exports through a barrel (lib/barrel/index.ts). What the barrel's modules do at module scope happens at init,
// whichever names the entry imports; it is reported in those modules.
import { apiNonce, makeToken, publisher, staticKey } from './lib/barrel/index.ts';

const orders = publisher('orders'); // expect: none (a channel on the barrel's connection, already reported there; publisher() runs here at init but only leases a channel)

export const handler = async (event: { id: string }) => {
  await orders.send({ exchange: 'orders', routingKey: 'created' }, event);
  return { nonce: apiNonce.length, token: makeToken(), k: staticKey.length };
};
