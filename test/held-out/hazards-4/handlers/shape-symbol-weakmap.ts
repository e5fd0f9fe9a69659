// Shape: caches keyed by Symbols (module-private and registry Symbol.for on globalThis) and WeakMaps keyed by client
// objects, filled at init. uid-safe: uid.sync draws crypto random bytes; node:crypto: randomBytes; rand-token:
// suid prefixes Date.now(); postmark: ServerClient stores the token only, getServer() requests through global fetch.
import uid from 'uid-safe';
import randtoken from 'rand-token';
import { randomBytes } from 'node:crypto';
import postmark from 'postmark';

const SECRET = Symbol('secret');
const holder: Record<symbol, Buffer> = {};
holder[SECRET] = randomBytes(32); // expect: SR103 (random bytes stored under a Symbol key at init)

const REGISTRY = Symbol.for('acme.orders.instance');
const g = globalThis as unknown as Record<symbol, { id: string; startedAt: number } | undefined>;
g[REGISTRY] ??= { id: uid.sync(16), startedAt: Date.now() }; // expect: SR104 SR105 (an ID and init's clock kept on globalThis under a registry Symbol)

const tokens = new WeakMap<object, string>();
const primary = new postmark.ServerClient(process.env.POSTMARK_TOKEN ?? 'pm-dev'); // expect: none (stores the token: no request)
tokens.set(primary, randtoken.suid(16)); // expect: SR104 (a time-prefixed ID kept in the WeakMap for a client that lives for the whole process)

const seen = new WeakSet<object>();
seen.add(primary); // expect: none (membership only)

const probes = new WeakMap<object, Promise<unknown>>();
probes.set(primary, primary.getServer().catch(() => undefined)); // expect: SR107 (a request at init through the global fetch, its promise kept in the WeakMap)

const LAZY = Symbol('lazy');
const lazy: { [LAZY]?: Buffer } = {};
const lazyKey = () => (lazy[LAZY] ??= randomBytes(16)); // expect: none (only the handler calls it)

export const handler = async () => {
  const requestId = uid.sync(16); // expect: none (in the handler)
  return { requestId, instance: g[REGISTRY]?.id, token: tokens.get(primary), seen: seen.has(primary), key: lazyKey().length, secret: holder[SECRET].length, probe: !!(await probes.get(primary)) };
};
