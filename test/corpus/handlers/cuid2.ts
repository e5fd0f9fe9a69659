// @paralleldrive/cuid2 3: createId() and init().
import { createId, init } from '@paralleldrive/cuid2';

export const requestPrefix = createId(); // expect: SR104 (src/index.js createId = init(): an ID from the counter, fingerprint and random salt at init)
const makeId = init({ length: 10 }); // expect: none (a generator: IDs are made when it is called)
export const shortId = makeId(); // expect: SR104 (an ID from the generator, at init)

export const handler = async () => createId(); // expect: none (in the handler)
