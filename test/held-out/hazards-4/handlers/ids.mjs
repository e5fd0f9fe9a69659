// ID libraries no earlier set covers. uniqid 5.4.0 (index.js): mac address + pid + now() in base 36, now() being
// Date.now() bumped past the last value; uniqid.time() is the time part alone. bson-objectid 2.0.4 (objectid.js):
// MACHINE_ID and the counter `index` are Math.random() draws made when the module loads, and ObjectID() with no
// argument generates time + machine + pid + counter; ObjectID(hex) parses. uid-safe 2.1.5: uid.sync(n) base64url of
// crypto random-bytes (index.js uidSync); uid(n) the same asynchronously. rand-token 1.0.1: generate()/uid() draw
// crypto.randomBytes per character set (index.js buildGenerator), suid() prefixes base62(Date.now() - epoch);
// generator({ source: 'math' }) draws Math.random() and only returns an object.
import uniqid from 'uniqid';
import ObjectID from 'bson-objectid';
import uid from 'uid-safe';
import randtoken from 'rand-token';
import { registerAfterRestore } from 'snapshot-restore';

export const workerId = uniqid('w-'); // expect: SR104 (a uniqid made at init and kept: the same ID in every restored environment)
const bootStamp = uniqid.time(); // expect: SR104 (a time-based ID made at init and kept)
export const deploymentId = ObjectID(); // expect: SR104 (an ObjectID generated at init and kept)
const seedDocId = ObjectID('5f1d7f3e9c4b2a0011223344'); // expect: none (parsed from a given hex string)
const sessionPrefix = uid.sync(12); // expect: SR104 (a URL-safe UID drawn at init and kept)
const correlationRoot = await uid(18); // expect: SR104 (the async form: an ID drawn at init and kept)
const apiToken = randtoken.generate(32); // expect: SR103 (a random token used as a credential, drawn at init and kept)
const shardTag = randtoken.uid(8); // expect: SR104 (rand-token's uid: an ID drawn at init and kept)
const orderedId = randtoken.suid(16); // expect: SR104 (a time-prefixed ID drawn at init and kept)
const pinGenerator = randtoken.generator({ chars: '0-9', source: 'math' }); // expect: none (returns a generator object: nothing is drawn yet)
console.log('booting', uniqid()); // expect: none (thrown away: uniqid keeps only its last timestamp, which a later call passes)

let instanceId = ObjectID().toHexString(); // expect: none (renewed after each restore)
registerAfterRestore(() => {
  instanceId = ObjectID().toHexString();
});

export const handler = async (event) => {
  const requestId = uniqid('r-'); // expect: none (in the handler)
  const docId = ObjectID(); // expect: none (in the handler)
  const pin = pinGenerator.generate(6); // expect: none (in the handler)
  return { requestId, docId: docId.toHexString(), pin, workerId, bootStamp, deploymentId, seedDocId, sessionPrefix, correlationRoot, apiToken: apiToken.length, shardTag, orderedId, instanceId, body: event };
};
