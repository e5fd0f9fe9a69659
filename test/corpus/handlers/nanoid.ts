// nanoid 5: nanoid() and generators made by customAlphabet.
import { customAlphabet, nanoid } from 'nanoid';

export const id = nanoid(); // expect: SR104 (nanoid/index.js nanoid(): bytes from the shared random pool)
const makeOrderId = customAlphabet('0123456789ABCDEF', 12); // expect: none (customAlphabet → customRandom returns a function; the pool is filled only when it is called)
export const orderPrefix = makeOrderId(); // expect: SR104 (an ID from the generator, at init)
export const shortId = customAlphabet('abcdefgh', 8)(); // expect: SR104 (the same, in one expression)

export const handler = async () => ({ id: nanoid(), order: makeOrderId() }); // expect: none (in the handler)
