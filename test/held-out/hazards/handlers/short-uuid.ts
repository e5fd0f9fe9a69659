// short-uuid 6: a translator from a factory, and generate().
import short from 'short-uuid';

const translator = short(); // expect: none (dist/index.js createTranslator(): an alphabet translator; it holds no generated value)
const flickr = short(short.constants.flickrBase58); // expect: none (same, another alphabet)
export const bootId = short.generate(); // expect: SR104 (quickTranslate generate(): a random v4 UUID shortened, at init)
export const nodeId = translator.new(); // expect: SR104 (translator.new() = generate(): an ID at init)
export const known = translator.toUUID('mhvXdrZT4jP5T8vBxuvm75'); // expect: none (decodes a given string)

export const handler = async () => ({ id: translator.generate(), other: flickr.new(), bootId, nodeId, known }); // expect: none (in the handler)
