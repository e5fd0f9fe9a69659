// node-redis 4+ (redis 6 here): createClient makes no socket; connect() does.
import { createClient } from 'redis';

export const lazy = createClient({ url: process.env.REDIS_URL }); // expect: none (@redis/client/dist/lib/client/index.js: the constructor only builds a RedisSocket; it connects in connect())
const connected = createClient({ url: process.env.REDIS_URL }); // expect: none (constructor only)
await connected.connect(); // expect: SR107 (connect() → RedisSocket connect: the socket is open at the snapshot)
export const chained = await createClient({ url: process.env.REDIS_URL }).on('error', (err) => console.error(err)).connect(); // expect: SR107 (the docs' one-liner: on() returns the client, connect() opens it)

export const handler = async () => {
  if (!lazy.isOpen) await lazy.connect(); // expect: none (in the handler)
  return [await lazy.get('k'), await connected.get('k'), await chained.get('k')];
};
