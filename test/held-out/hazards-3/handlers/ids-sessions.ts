// More IDs: hat.rack() returns an issuing function whose calls draw Math.random() (hat/index.js:33-45); uuid-random's
// bin() cuts 16 bytes from its randomBytes pool; unique-names-generator's NumberDictionary.generate() draws
// Math.random() digits (dist/index.m.js class h).
import hat from 'hat';
import uuid from 'uuid-random';
import { NumberDictionary, adjectives, uniqueNamesGenerator } from 'unique-names-generator';
import { registerAfterRestore } from 'snapshot-restore';

const rack = hat.rack(64, 36); // expect: none (the issuing function: nothing drawn yet)
export const shardTag = rack('init-shard'); // expect: SR104 (an ID drawn at init by the rack, kept)
export const binaryId = uuid.bin(); // expect: SR104 (16 bytes from uuid-random's pool, kept as the instance's binary ID)
const suffix = NumberDictionary.generate({ min: 100, max: 999 }); // expect: SR104 (random digits drawn at init and kept to build the worker's name below)
export const worker = uniqueNamesGenerator({ dictionaries: [adjectives, suffix], seed: 42 }); // expect: none (seeded: deterministic; the randomness came from `suffix`, reported on its own line)
export const batch = Array.from({ length: 4 }, () => uuid()); // expect: SR104 (Array.from calls the callback at once: four IDs kept at init)
const makeBatch = () => Array.from({ length: 4 }, () => uuid()); // expect: none (only called in the handler)

class Correlation {
  static issue = hat.rack(32); // expect: none (a rack: nothing drawn)
  static bootId: string;
  static {
    Correlation.bootId = Correlation.issue('boot'); // expect: SR104 (a static block at load: the ID is drawn and kept)
  }
}

let sessionPrefix = hat(); // expect: none (renewed after each restore)
registerAfterRestore(() => {
  sessionPrefix = hat();
});

export const handler = async () => ({
  ids: makeBatch(),
  shardTag,
  bin: binaryId.length,
  worker,
  boot: Correlation.bootId,
  session: `${sessionPrefix}-${rack('req')}`, // expect: none (in the handler)
  batch,
});
