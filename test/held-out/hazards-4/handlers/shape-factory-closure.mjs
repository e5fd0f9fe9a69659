// Shape: factories that return closures. What a factory does when it is called at init happens at init (labelled
// inside the factory); what the returned closure does happens when it is called. libsodium-wrappers:
// crypto_auth_keygen draws a key; @nats-io/transport-node: connect() opens a socket; uniqid: Date.now()-based ID;
// memoize with maxAge arms a delete timer per cached result (distribution/index.js:82-91).
import sodium from 'libsodium-wrappers';
import { connect } from '@nats-io/transport-node';
import uniqid from 'uniqid';
import memoize from 'memoize';

await sodium.ready;

function makeSigner() {
  const key = sodium.crypto_auth_keygen(); // expect: SR103 (makeSigner() is called at init: the key is drawn then and captured by the closure)
  return (msg) => sodium.to_hex(sodium.crypto_auth(msg, key));
}

function makePublisher(servers) {
  let conn;
  return async (subject, data) => {
    conn ??= await connect({ servers }); // expect: SR107 (the closure is called once at init below: the connection it caches stays open)
    conn.publish(subject, new TextEncoder().encode(data));
  };
}

function makeAuditPublisher(servers) {
  let conn;
  return async (subject, data) => {
    conn ??= await connect({ servers }); // expect: none (this closure is only called from the handler)
    conn.publish(subject, new TextEncoder().encode(data));
  };
}

const makeTagger = (prefix) => {
  const runId = uniqid(prefix); // expect: SR104 (makeTagger() runs at init: the run ID is captured)
  return (tag) => `${runId}:${tag}`;
};

const makeLookup = () => memoize(async (id) => ({ id }), { maxAge: 30_000 }); // expect: none (returns a memoized function: no timer until a result is cached)

const sign = makeSigner();
const publish = makePublisher(process.env.NATS_URL ?? 'nats://nats.internal:4222');
await publish('boot', 'up').catch(() => undefined);
const audit = makeAuditPublisher(process.env.NATS_URL ?? 'nats://nats.internal:4222');
const tag = makeTagger('run-');
const lookup = makeLookup();
const lazySigner = () => makeSigner(); // expect: none (a wrapper; calling it is what draws)

export const handler = async (event) => {
  const sig = sign(JSON.stringify(event));
  await publish('orders', sig);
  await audit('audit', tag('order'));
  return { sig, user: await lookup(event.user), other: lazySigner()('x') };
};
