// @nats-io/transport-node 3.4.0: connect() resolves once the NodeTransport's socket is connected and the server's INFO
// handled (lib/connect.js → NatsConnectionImpl.connect → node_transport.js net.createConnection); publish/subscribe
// use that connection; drain()/close() end it. `nuid` (@nats-io/nuid 3.0.0 lib/nuid.js:176) is a module-level
// NuidImpl whose prefix and sequence were drawn with crypto.getRandomValues; nuid.next() and createInbox()
// (nats-core lib/core.js:48, `_INBOX.` + nuid.next()) return IDs from it.
import { connect, createInbox, nuid } from '@nats-io/transport-node';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

const servers = process.env.NATS_URL ?? 'nats://nats.internal:4222';
const enc = new TextEncoder();

export const nc = await connect({ servers, name: 'orders-fn' }).catch(() => undefined); // expect: SR107 (a NATS connection opened at init and kept)
nc?.publish('lambda.boot', enc.encode('up')); // expect: none (a publish on the connection already reported)
const replies = nc?.subscribe('orders.replies'); // expect: none (a subscription on the same connection)

const replyInbox = createInbox(); // expect: SR104 (an inbox subject made from a nuid at init and kept: every restored environment listens on the same one)
export const instanceTag = nuid.next(); // expect: SR104 (a NUID made at init and kept)

let events = await connect({ servers, name: 'events' }).catch(() => undefined); // expect: none (drained before the snapshot and connected again after the restore)
registerBeforeSnapshot(() => events?.drain());
registerAfterRestore(async () => {
  events = await connect({ servers, name: 'events' });
});

export const handler = async (order) => {
  const msgId = nuid.next(); // expect: none (in the handler)
  const inbox = createInbox('orders'); // expect: none (in the handler)
  nc?.publish('orders.created', enc.encode(JSON.stringify({ ...order, msgId, inbox, replyInbox, instanceTag })));
  events?.publish('events.order', enc.encode(msgId));
  return { pending: replies?.getPending() ?? 0 };
};
