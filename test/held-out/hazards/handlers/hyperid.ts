// hyperid 4: the factory draws one base UUID and counts up from it; the handler only increments.
import hyperid from 'hyperid';
import { registerAfterRestore } from 'snapshot-restore';

const nextId = hyperid(); // expect: SR104 (hyperid/hyperid.js hyperid(): generate.uuid = uuidv4() once at init and count = 0, so every restored environment hands out the same sequence of IDs from the handler)
const fixedLength = hyperid({ fixedLength: true, urlSafe: true }); // expect: SR104 (the same factory: base UUID drawn at init)
let renewed = hyperid(); // expect: none (a new factory, with a new base UUID, after each restore below)
registerAfterRestore(() => {
  renewed = hyperid();
});
export const decoded = hyperid.decode('4GmaNuh4QHiMzqY5XEW6jQ/0'); // expect: none (decodes a given ID)

export const handler = async () => ({ a: nextId(), b: fixedLength(), c: renewed(), decoded });
