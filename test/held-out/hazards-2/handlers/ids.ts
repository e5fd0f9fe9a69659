// ID generators: ulidx 2.4, uid 2.0, typeid-js 1.2, id128 1.6.
import { ulid, monotonicFactory, decodeTime } from 'ulidx';
import { uid } from 'uid';
import { typeid, TypeID } from 'typeid-js';
import id128 from 'id128';
import { registerAfterRestore } from 'snapshot-restore';

const nextUlid = monotonicFactory(); // expect: none (dist/node/index.js monotonicFactory(): detects the PRNG and returns a closure; lastTime/lastRandom are still empty)
export const instanceId = nextUlid(); // expect: SR104 (the closure draws 16 random base32 characters with the crypto PRNG and keeps them as lastRandom; a generated ID kept at init)
const batchId = ulid(); // expect: SR104 (dist/node/index.js ulid(): time + encodeRandom() from crypto; kept)
const fromTime = decodeTime('01ARZ3NDEKTSV4RRFFQ69G5FAV'); // expect: none (decodes a given ULID: no clock, no randomness)

console.log('boot', uid(8)); // expect: SR104 (dist/index.mjs uid(): the first call fills the module's 256-byte BUFFER with Math.random(); the value is thrown away but the pool is cloned, so every restored environment hands out the same next IDs)

const orderType = typeid('order'); // expect: SR104 (dist/index.js typeid(): a UUIDv7 suffix from the clock and crypto random bytes; kept)
const parsed = TypeID.fromString('user_01h2xcejqtf2nbrexx3vqjhp41'); // expect: none (parsed from a given string)

const requestUuid = id128.Uuid4.generate(); // expect: SR104 (id128 Uuid4.generate(): random bytes from crypto; a generated ID kept at init)
let sessionUlid = id128.Ulid.generate(); // expect: none (renewed after each restore by the hook below)
registerAfterRestore(() => {
  sessionUlid = id128.Ulid.generate();
});

export const handler = async () => ({
  id: nextUlid(), // expect: none (in the handler)
  uid: uid(), // expect: none (in the handler; the pool it reads is the init hazard above)
  batchId,
  fromTime,
  orderType: orderType.toString(),
  parsed: parsed.getType(),
  requestUuid: requestUuid.toCanonical(),
  sessionUlid: sessionUlid.toCanonical(),
  t: typeid('evt').toString(), // expect: none (in the handler)
});
