// rabbitmq-client 5.0.8: the Connection constructor ends with `this._socket = this._connect()` (lib/Connection.js:88),
// which opens the socket at once; createPublisher() only leases a channel on that connection.
import { Connection } from 'rabbitmq-client';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

const rabbit = new Connection(process.env.RABBIT_URL ?? 'amqp://guest:guest@rabbit.internal:5672'); // expect: SR107 (lib/Connection.js constructor: this._socket = this._connect() opens the socket before it returns)
rabbit.on('error', () => undefined); // expect: none (a listener on the same connection)
export const orders = rabbit.createPublisher({ confirm: true, maxAttempts: 2, exchanges: [{ exchange: 'orders', type: 'topic' }] }); // expect: none (a channel on the connection already counted: one finding per client)

let audit = new Connection({ url: process.env.AUDIT_RABBIT_URL ?? 'amqp://rabbit-audit.internal:5672', connectionName: 'audit' }); // expect: none (closed before the snapshot and made again after the restore)
audit.on('error', () => undefined);
registerBeforeSnapshot(() => audit.close());
registerAfterRestore(() => {
  audit = new Connection({ url: process.env.AUDIT_RABBIT_URL ?? 'amqp://rabbit-audit.internal:5672', connectionName: 'audit' });
});

let lazy: Connection | undefined;
function getLazy() {
  lazy ??= new Connection('amqp://rabbit-lazy.internal:5672'); // expect: none (only called from the handler)
  return lazy;
}

export const handler = async (event: { id: string }) => {
  await orders.send({ exchange: 'orders', routingKey: 'created' }, event);
  const pub = getLazy().createPublisher({});
  await pub.send('audit', event);
  return { ok: true, audit: audit.ready };
};
