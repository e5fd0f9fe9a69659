// uuidv7 1.2: time-ordered UUIDs with a random tail and a monotonic counter.
import { uuidv7, uuidv7obj, uuidv4 } from 'uuidv7';
import { registerAfterRestore } from 'snapshot-restore';

export const deploymentId = uuidv7(); // expect: SR104 (dist/index.js uuidv7() → uuidv7obj().toString(): the same UUID in every restore)
export const legacyId = uuidv4(); // expect: SR104 (a v4 UUID from the same package, at init)
export const idObject = uuidv7obj(); // expect: SR104 (the UUID object itself, kept)
let environmentId = uuidv7(); // expect: none (renewed after each restore below)
registerAfterRestore(() => {
  environmentId = uuidv7();
});
console.log('booting', uuidv7()); // expect: none (made, logged and thrown away at init)

export const handler = async () => ({ requestId: uuidv7(), deploymentId, legacyId, idObject: idObject.toHex(), environmentId }); // expect: none (in the handler)
