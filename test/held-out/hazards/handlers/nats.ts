// nats 2.29: connect() resolves once the TCP connection and the handshake are done.
import { connect, StringCodec } from 'nats';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

const sc = StringCodec(); // expect: none (a codec object, no I/O)
export const nc = await connect({ servers: process.env.NATS_URL }); // expect: SR107 (nats/lib/src/connect.js connect() → NatsConnectionImpl.connect(): a NodeTransport socket, open at the snapshot)

let renewed = await connect({ servers: process.env.NATS_URL }); // expect: none (drained before the snapshot and reconnected after the restore below)
registerBeforeSnapshot(() => renewed.drain());
registerAfterRestore(async () => {
  renewed = await connect({ servers: process.env.NATS_URL });
});

export const handler = async (event: { subject: string; body: string }) => {
  nc.publish(event.subject, sc.encode(event.body));
  const local = await connect({ servers: process.env.NATS_URL }); // expect: none (in the handler)
  await local.close();
  renewed.publish('audit', sc.encode(event.subject));
  return { ok: true };
};
