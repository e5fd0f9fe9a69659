// The uniqueness rules (SR1xx): the JavaScript counterpart of AWS's Java SnapStart bug scanner.
// Each rule names the calls it matches, by a canonical dotted name that plugin/uniqueness.ts
// computes through imports, requires and aliases (`crypto.randomUUID`, `uuid.v4`, `pg.Pool`),
// and says what every environment restored from one snapshot would share, and how to fix it.

export type UniquenessCode = 'SR101' | 'SR102' | 'SR103' | 'SR104' | 'SR105' | 'SR106' | 'SR107' | 'SR108';

export interface UniquenessRule {
  code: UniquenessCode;
  title: string;
  /** Canonical names of the functions / constructors, and how they are used. */
  calls?: string[];
  constructs?: string[];
  /** What the value is, for messages: "random number", "timestamp". */
  what: string;
  /** Why sharing it matters. */
  why: string;
  /** Whether the value must be kept somewhere to matter (a discarded timestamp is harmless; a
   *  timer or a socket is state by itself). */
  needsStore: boolean;
}

export const UNIQUENESS_RULES: UniquenessRule[] = [
  {
    code: 'SR101',
    title: '`Math.random()` at init',
    calls: ['Math.random'],
    what: 'random number',
    why: "every environment restored from the snapshot has the same value, and Math.random's generator state is cloned too, so they all draw the same sequence next",
    needsStore: true,
  },
  {
    code: 'SR102',
    title: '`crypto.randomUUID()` at init',
    calls: ['crypto.randomUUID'],
    what: 'UUID',
    why: "every environment restored from the snapshot has the same value",
    needsStore: false,
  },
  {
    code: 'SR103',
    title: 'random bytes at init',
    calls: ['crypto.randomBytes', 'crypto.randomInt', 'crypto.getRandomValues', 'crypto.randomFillSync', 'crypto.randomFill', 'crypto.pseudoRandomBytes'],
    what: 'random value',
    why: 'every environment restored from the snapshot has the same bytes: keys, nonces, salts and tokens made from them are no longer unique',
    needsStore: true,
  },
  {
    code: 'SR104',
    title: 'a generated ID (uuid, nanoid, ulid) at init',
    calls: [
      'uuid.v1', 'uuid.v4', 'uuid.v6', 'uuid.v7', 'uuid.default.v4',
      'nanoid.nanoid', 'nanoid/non-secure.nanoid', 'nanoid.default',
      'ulid.ulid', 'ulid.default', 'ulidx.ulid',
      '@paralleldrive/cuid2.createId', 'cuid.default', 'cuid',
    ],
    what: 'ID',
    why: 'every environment restored from the snapshot has the same ID, and the generator state behind it (random pool, clock sequence, monotonic counter) is cloned too',
    needsStore: true,
  },
  {
    code: 'SR105',
    title: 'a timestamp taken at init',
    calls: ['Date.now', 'Date', 'performance.now', 'process.hrtime', 'process.hrtime.bigint'],
    constructs: ['Date'],
    what: 'timestamp',
    why: 'it is taken before the snapshot; environments are restored from it minutes or days later, and all of them see the same stale time',
    needsStore: true,
  },
  {
    code: 'SR106',
    title: 'a timer armed at init',
    calls: ['setInterval', 'setTimeout'],
    what: 'timer',
    why: 'the timer is in the snapshot: it may never fire before the snapshot, and after a restore every environment fires it late, or at once, on state from init',
    needsStore: false,
  },
  {
    code: 'SR107',
    title: 'a connection, pool or keep-alive agent opened at init with no hook that renews it',
    calls: [
      'net.connect', 'net.createConnection', 'tls.connect',
      'mysql.createConnection', 'mysql.createPool', 'mysql2.createConnection', 'mysql2.createPool',
      'redis.createClient', 'mongoose.connect', 'mongoose.createConnection',
    ],
    constructs: ['http.Agent', 'https.Agent', 'pg.Pool', 'pg.Client', 'ioredis', 'ioredis.Redis', 'ioredis.default', 'ioredis.Cluster', 'mongodb.MongoClient'],
    what: 'connection',
    why: 'its sockets are in the snapshot: every restored environment starts with the same connections, long closed by the server, or shares one session',
    needsStore: false,
  },
  {
    code: 'SR108',
    title: 'a read of AWS credentials from the environment',
    what: 'credential',
    why: 'under SnapStart Lambda does not set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY or AWS_SESSION_TOKEN: credentials come from the container credentials endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI), so this reads undefined',
    needsStore: false,
  },
];

export const CREDENTIAL_VARIABLES = new Set(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']);

/** Module specifiers as the rules name them: `node:` dropped, entry points folded together. */
export function canonicalModule(specifier: string): string {
  const bare = specifier.replace(/^node:/, '');
  if (bare === 'mysql2/promise') return 'mysql2';
  if (bare === 'crypto/webcrypto') return 'crypto';
  if (bare.startsWith('uuid/')) return 'uuid';
  return bare;
}

/** Names that mean the same thing: the global web crypto and node:crypto share their API;
 *  perf_hooks and timers export the globals. */
export function canonicalName(name: string): string {
  return name
    .replace(/^(?:globalThis|global|self|window)\./, '')
    .replace(/^crypto\.webcrypto\./, 'crypto.')
    .replace(/^perf_hooks\.performance\b/, 'performance')
    .replace(/^timers\.(setInterval|setTimeout)$/, '$1');
}

/**
 * The cheap check before parsing: every call a rule matches is written with one of these
 * (aliases included: `const r = Math.random`, `import { v4 } from 'uuid'`). Matching a pattern
 * rather than a loose word (`Client`, `Date`) keeps files that merely mention one unparsed:
 * every AWS SDK user's module says `Client`.
 */
export const UNIQUENESS_PREFILTER =
  /Math\.random|random(?:UUID|Bytes|Int|Fill|FillSync)\b|pseudoRandomBytes|getRandomValues|\bDate\b|\bnow\s*\(|hrtime|setInterval|setTimeout|\bAgent\b|\bPool\b|connect\b|createConnection|createPool|createClient|MongoClient|Redis|['"](?:pg|uuid|nanoid|ulid|ulidx|cuid|@paralleldrive\/cuid2)['"/]|AWS_(?:ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN)/;

const byCall = new Map<string, UniquenessRule>();
const byConstruct = new Map<string, UniquenessRule>();
for (const rule of UNIQUENESS_RULES) {
  for (const name of rule.calls ?? []) byCall.set(name, rule);
  for (const name of rule.constructs ?? []) byConstruct.set(name, rule);
}

export function ruleForCall(name: string): UniquenessRule | undefined {
  return byCall.get(name);
}

export function ruleForConstruct(name: string): UniquenessRule | undefined {
  return byConstruct.get(name);
}

export function ruleOf(code: UniquenessCode): UniquenessRule {
  return UNIQUENESS_RULES.find((r) => r.code === code)!;
}
