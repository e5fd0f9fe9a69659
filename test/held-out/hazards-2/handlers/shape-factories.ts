// Shape: factories kept at module scope; generators made at init but called per request, and one called at init.
import { monotonicFactory } from 'ulidx';
import elliptic from 'elliptic';
import Valkey from 'iovalkey';

const nextId = monotonicFactory(); // expect: none (a closure; nothing drawn until it is called)
const ec = new elliptic.ec('p256'); // expect: none (curve parameters)
const newKeyPair = () => ec.genKeyPair(); // expect: none (a function; called only in the handler)
const makeClient = (url: string) =>
  new Valkey(url, { lazyConnect: true }); // expect: none (lazyConnect, and called per request)
export const firstId = nextId(); // expect: SR104 (calling the monotonic factory at init draws the random part and keeps it: an ID kept, and lastRandom cloned)

export const handler = async () => {
  const kp = newKeyPair(); // expect: none (in the handler)
  const client = makeClient('redis://valkey.internal:6379');
  return { id: nextId(), pub: kp.getPublic('hex'), s: client.status, firstId }; // expect: none (in the handler)
};
