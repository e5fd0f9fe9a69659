// node:crypto and Web Crypto: in-place fills keep their result in the buffer, not the return value.
import { getRandomValues, randomBytes, randomFillSync, randomUUID } from 'node:crypto';

const key = Buffer.alloc(32);
randomFillSync(key); // expect: SR103 (fills the module's key in place; the return value need not be kept)
const iv = new Uint8Array(12);
crypto.getRandomValues(iv); // expect: SR103 (Web Crypto fills iv in place)
getRandomValues(new Uint8Array(8)); // expect: none (a fresh array, thrown away)
export const salt = randomBytes(16); // expect: SR103 (the same salt in every restore)
export const instance = randomUUID(); // expect: SR102 (one UUID for every restore, and the entropy cache behind the next ones)
export const quiet = randomUUID({ disableEntropyCache: true }); // expect: SR102 (still one value for every restore)
console.log('boot', randomUUID({ disableEntropyCache: true })); // expect: none (logged and gone, and no cache filled)

export const handler = async () => ({ key: key.toString('hex'), iv: Buffer.from(iv).toString('hex'), salt, instance, quiet });
