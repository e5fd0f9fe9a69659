// IDs from libraries no earlier set covers. uuid-random 1.3.2 keeps a 4096-byte pool filled by crypto.randomBytes on
// the first call (index.js uuid(): buf/bufIdx, uuid.clearBuffer() empties it); @lukeed/uuid 2.0.1 fills a 256-entry
// BUFFER with Math.random() on the first v4() and slides a window over it (dist/index.mjs), /secure does the same
// with crypto.randomBytes; hat 0.0.3 draws Math.random() per call (index.js:16) and hat.rack() only returns a function;
// uuid-by-string 4.0.0 hashes its input (src/index.js generateUuid: no randomness); unique-names-generator 4.7.1 draws
// Math.random() per dictionary unless given a seed (dist/index.m.js).
import uuid from 'uuid-random';
import { v4 as quickUuid } from '@lukeed/uuid';
import { v4 as secureUuid } from '@lukeed/uuid/secure';
import hat from 'hat';
import getUuid from 'uuid-by-string';
import { adjectives, animals, uniqueNamesGenerator } from 'unique-names-generator';
import { registerAfterRestore } from 'snapshot-restore';

export const instanceId = uuid(); // expect: SR104 (uuid-random at init: the ID, and the 4096-byte pool later IDs are cut from, are cloned into every environment)
const valid = uuid.test('6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b'); // expect: none (a format check)
const traceRoot = quickUuid(); // expect: SR104 (@lukeed/uuid fills its Math.random() BUFFER at init and this ID is kept)
const secureRoot = secureUuid(); // expect: SR104 (@lukeed/uuid/secure: an ID from its randomBytes pool, kept)
const issue = hat.rack(64, 16); // expect: none (hat.rack returns a function: no randomness until it is called)
export const nodeTag = hat(32); // expect: SR104 (hat(): a random hex ID from Math.random() kept at init)
const serviceUuid = getUuid('orders-service'); // expect: none (uuid-by-string: a name-based UUID, the same everywhere by design)
export const workerName = uniqueNamesGenerator({ dictionaries: [adjectives, animals], separator: '-' }); // expect: SR104 (a random name kept as the worker's identity: every restored environment has it)
const seededName = uniqueNamesGenerator({ dictionaries: [adjectives, animals], seed: 'orders' }); // expect: none (seeded: deterministic, the same on purpose)
console.log('warm', quickUuid()); // expect: SR104 (thrown away, but it filled @lukeed/uuid's BUFFER at init: the IDs the handler makes next are cut from the cloned buffer and repeat across environments)

let requestSeed = uuid(); // expect: none (renewed after each restore, with the pool emptied first)
registerAfterRestore(() => {
  uuid.clearBuffer();
  requestSeed = uuid();
});

export const handler = async () => ({
  id: uuid(), // expect: none (in the handler)
  quick: quickUuid(), // expect: none (in the handler; the buffer it reads is the hazard of the lines above)
  ticket: issue({ at: 'invoke' }), // expect: none (in the handler)
  instanceId,
  traceRoot,
  secureRoot,
  requestSeed,
  valid,
  serviceUuid,
  seededName,
});
