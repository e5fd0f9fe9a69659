// amqp-connection-manager 5.0.0: the module's connect(urls) makes an AmqpConnectionManager and calls conn.connect()
// (dist/cjs/index.js:11-16), whose _connect() chain calls amqplib.connect; `new AmqpConnectionManager(urls)` alone
// only stores the URLs (AmqpConnectionManager.js constructor) until .connect() is called.
import amqp, { AmqpConnectionManagerClass } from 'amqp-connection-manager';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

const manager = amqp.connect([process.env.AMQP_URL ?? 'amqp://mq.internal:5672']); // expect: SR107 (index.js connect(): conn.connect() runs _connect → amqplib.connect opens the socket)
export const channel = manager.createChannel({ json: true, setup: (ch) => ch.assertQueue('jobs', { durable: true }) }); // expect: none (a channel wrapper on the manager already counted)

const deferred = new AmqpConnectionManagerClass(['amqp://mq-deferred.internal:5672']); // expect: none (constructor only stores the URLs: connect() is called in the handler)

let events = amqp.connect(['amqp://mq-events.internal:5672']); // expect: none (closed before the snapshot, connected again after the restore)
registerBeforeSnapshot(() => events.close());
registerAfterRestore(() => {
  events = amqp.connect(['amqp://mq-events.internal:5672']);
});

export const handler = async (event) => {
  await deferred.connect({ timeout: 2000 }).catch(() => undefined);
  await channel.sendToQueue('jobs', event);
  return { connected: manager.isConnected(), events: events.isConnected() };
};
