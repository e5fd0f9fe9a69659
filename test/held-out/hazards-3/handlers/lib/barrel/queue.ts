// Part of a barrel (lib/barrel/index.ts) imported by shape-barrel.ts: module scope runs when the entry loads, at init.
import { Connection } from 'rabbitmq-client';

export const rabbit = new Connection(process.env.RABBIT_URL ?? 'amqp://rabbit.internal:5672'); // expect: SR107 (evaluated at init through the barrel: the constructor opens the socket)
rabbit.on('error', () => undefined); // expect: none (a listener)

export function publisher(exchange: string) {
  return rabbit.createPublisher({ exchanges: [{ exchange, type: 'topic' }] }); // expect: none (called at init by shape-barrel.ts, but a publisher is a channel on the connection already reported above: one finding per client)
}
