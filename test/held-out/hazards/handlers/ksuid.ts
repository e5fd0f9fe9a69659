// ksuid 3: K-sortable IDs: a timestamp and 16 random bytes.
import KSUID from 'ksuid';

export const bootId = KSUID.randomSync().string; // expect: SR104 (ksuid/index.js randomSync(): Date.now() and randomBytes(16) at init)
export const asyncId = await KSUID.random(); // expect: SR104 (random(): the same, awaited at init)
export const parsed = KSUID.parse('0ujtsYcgvSTl8PAuAdqWYSMnLOv'); // expect: none (parses a given string)

export const handler = async () => ({ id: (await KSUID.random()).string, bootId, asyncId: asyncId.string, parsed: parsed.date }); // expect: none (in the handler)
