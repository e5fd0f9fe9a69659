// Rewritten from socious-io/socious-api, src/services/jobs/publish.js @ 1b24a397765ae926443126fb6859be788f3f5579.
// Changed: the `nats` package → @nats-io/transport-node 3.4.0 (connect() has the same shape; JSONCodec is gone in v3,
// so the payload is encoded with TextEncoder); the config import → environment variables; a Lambda handler that
// publishes a job was added. In the original the connection is opened with a top-level await and exported.
// connect(): NodeTransport net.createConnection, resolved after the server's INFO (lib/connect.js, node_transport.js).
import { connect } from '@nats-io/transport-node';

const config = { nats: { servers: process.env.NATS_URL ?? 'nats://nats.internal:4222', token: process.env.NATS_TOKEN } };

export const conn = await connect(config.nats); // expect: SR107 (a top-level await of connect(): the connection is open at the snapshot and exported)
const encoder = new TextEncoder();

const publish = (name, data) => {
  conn.publish(name, encoder.encode(JSON.stringify(data))); // expect: none (a publish on the connection already reported)
};
export default publish;

export const handler = async (event) => {
  publish('jobs.process', { type: event.type, id: event.id });
  return { queued: true };
};
