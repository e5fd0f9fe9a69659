// The uniqueness lint (SR1xx): values made before the snapshot that every restored environment
// shares. Each rule with code that must be reported and code that must stay silent.
import { describe, expect, it } from 'vitest';
import { lintUniqueness } from '../../plugin/core/index.js';
import { UNIQUENESS_PREFILTER } from '../../plugin/core/rules/uniqueness-match.js';

const lint = (source: string, file = '/src/handler.ts') => lintUniqueness(source, file, { defaultExportIsHandler: true });
const codes = (source: string, file?: string) => lint(source, file).map((f) => `${f.code}:${f.location!.line}`);
const HOOKS = "import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';\n";

describe('SR101 Math.random()', () => {
  it('reports a value kept at init, in a static field, in a function init calls, in a before-snapshot hook', () => {
    expect(codes('const seed = Math.random();')).toEqual(['SR101:1']);
    expect(codes('class Jitter { static factor = Math.random() * 10; }')).toEqual(['SR101:1']);
    expect(codes('let id;\nfunction setup() { id = Math.random(); }\nsetup();')).toEqual(['SR101:2']);
    expect(codes(`${HOOKS}let nonce;\nregisterBeforeSnapshot(() => { nonce = Math.random(); });`)).toEqual(['SR101:3']);
  });
  it('is silent in the handler, in functions only the handler calls, and for values thrown away', () => {
    expect(codes('export const handler = async () => ({ n: Math.random() });')).toEqual([]);
    expect(codes('function pick() { return Math.random(); }\nexport async function handler() { return pick(); }')).toEqual([]);
    expect(codes('console.log(Math.random());\nMath.random();')).toEqual([]);
    // Shadowed: not the global.
    expect(codes('const Math = { random: () => 4 };\nconst n = Math.random();')).toEqual([]);
  });
  it('says what is shared and how to renew it', () => {
    const [finding] = lint('let seed = Math.random();');
    expect(finding!.message).toBe(
      "`Math.random()` runs at init: every restored environment has the same value. The random number, kept in `seed`, is made once, before the snapshot, and Math.random's generator state is cloned too, so they all draw the same sequence next. Rule page: https://github.com/snapshot-restore/snapshot-restore/blob/main/docs/rules/SR101.md",
    );
    expect(finding!.suggestion).toBe('compute it in the handler, or renew it in `registerAfterRestore(() => { seed = Math.random(); });`');
    expect(finding!.location).toMatchObject({ line: 1, column: 11, lineText: 'let seed = Math.random();' });
  });
});

describe('SR102 crypto.randomUUID()', () => {
  it('reports through every way of reaching it', () => {
    expect(codes("import { randomUUID } from 'node:crypto';\nconst id = randomUUID();")).toEqual(['SR102:2']);
    expect(codes("import * as crypto from 'crypto';\nconst id = crypto.randomUUID();")).toEqual(['SR102:2']);
    expect(codes("import nodeCrypto from 'node:crypto';\nconst id = nodeCrypto.randomUUID();")).toEqual(['SR102:2']);
    expect(codes("const { randomUUID: uuid } = require('crypto');\nconst id = uuid();", '/src/handler.js')).toEqual(['SR102:2']);
    expect(codes("const id = require('crypto').randomUUID();", '/src/handler.js')).toEqual(['SR102:1']);
    expect(codes('const id = globalThis.crypto.randomUUID();')).toEqual(['SR102:1']);
    expect(codes('const id = crypto.randomUUID();')).toEqual(['SR102:1']);
    expect(codes("import { webcrypto } from 'node:crypto';\nconst id = webcrypto.randomUUID();")).toEqual(['SR102:2']);
  });
  it('a call at init fills the entropy cache even when its value is thrown away; disableEntropyCache avoids that', () => {
    expect(codes("import { randomUUID } from 'node:crypto';\nrandomUUID();")).toEqual(['SR102:2']);
    expect(codes("import { randomUUID } from 'node:crypto';\nrandomUUID({ disableEntropyCache: true });")).toEqual([]);
    // ...but a value kept at init is still shared.
    expect(codes("import { randomUUID } from 'node:crypto';\nconst id = randomUUID({ disableEntropyCache: true });")).toEqual(['SR102:2']);
  });
  it('renewing after the restore is enough, with or without the entropy cache (the lifecycle renews the cache first)', () => {
    const renewed = (option: string) =>
      lint(`${HOOKS}import { randomUUID } from 'node:crypto';\nlet id = randomUUID(${option});\nregisterAfterRestore(() => { id = randomUUID(${option}); });`);
    expect(renewed('{ disableEntropyCache: true }')).toEqual([]);
    expect(renewed('')).toEqual([]);
  });
  it('explains the entropy cache only when the option is missing', () => {
    const [cached] = lint("import { randomUUID } from 'node:crypto';\nrandomUUID();");
    expect(cached!.message).toContain("fills Node's cache of random bytes for the next 128 UUIDs");
    expect(cached!.suggestion).toContain('randomUUID({ disableEntropyCache: true })');
    const [uncached] = lint("import { randomUUID } from 'node:crypto';\nconst id = randomUUID({ disableEntropyCache: true });");
    expect(uncached!.message).not.toContain('cache');
  });
  it('counts an instance field as renewed when an after-restore hook constructs the class anew', () => {
    const source = (hook: string) =>
      `${HOOKS}import { randomUUID } from 'node:crypto';\nclass Connection { id = randomUUID({ disableEntropyCache: true }); }\nlet connection = new Connection();\n${hook}`;
    expect(lint(source('registerAfterRestore(() => { connection = new Connection(); });'))).toEqual([]);
    expect(codes(source(''))).toEqual(['SR102:3']);
  });
  it('is silent in the handler (IDs per request)', () => {
    expect(codes("import { randomUUID } from 'node:crypto';\nexport const handler = async () => ({ requestId: randomUUID() });")).toEqual([]);
  });
});

describe('SR103 random bytes', () => {
  it('reports randomBytes, randomInt, getRandomValues, randomFillSync', () => {
    expect(
      codes(
        [
          "import { randomBytes, randomInt, randomFillSync } from 'node:crypto';",
          "const key = randomBytes(32).toString('hex');",
          'const pick = randomInt(100);',
          'const buf = randomFillSync(Buffer.alloc(8));',
          'const arr = crypto.getRandomValues(new Uint8Array(8));',
        ].join('\n'),
      ),
    ).toEqual(['SR103:2', 'SR103:3', 'SR103:4', 'SR103:5']);
  });
  it('is silent when an after-restore hook reassigns the variable or property', () => {
    expect(codes(`${HOOKS}import { randomBytes } from 'node:crypto';\nlet key = randomBytes(32);\nregisterAfterRestore(() => { key = randomBytes(32); });`)).toEqual([]);
    expect(
      codes(
        `${HOOKS}import { randomBytes } from 'node:crypto';\nconst state = { key: randomBytes(32) };\nfunction renew() { state.key = randomBytes(32); }\nregisterAfterRestore(renew);`,
      ),
    ).toEqual([]);
    expect(
      codes(
        `${HOOKS}import { randomBytes } from 'node:crypto';\nclass Keys {\n  static salt = randomBytes(16);\n  @registerAfterRestore static renew() { Keys.salt = randomBytes(16); }\n}`,
      ),
    ).toEqual([]);
  });
  it('an after-restore hook that reassigns something else does not count', () => {
    expect(codes(`${HOOKS}import { randomBytes } from 'node:crypto';\nlet key = randomBytes(32);\nlet other;\nregisterAfterRestore(() => { other = 1; });`)).toEqual(['SR103:3']);
  });
});

describe('SR104 uuid, nanoid, ulid', () => {
  it('reports the generators through named, renamed and namespace imports', () => {
    expect(codes("import { v4 as uuidv4 } from 'uuid';\nconst id = uuidv4();")).toEqual(['SR104:2']);
    expect(codes("import * as uuid from 'uuid';\nconst id = uuid.v7();")).toEqual(['SR104:2']);
    expect(codes("import { nanoid } from 'nanoid';\nexport const instanceId = nanoid();")).toEqual(['SR104:2']);
    expect(codes("const { ulid } = require('ulid');\nmodule.exports.id = ulid();", '/src/handler.js')).toEqual(['SR104:2']);
  });
  it('is silent for validators and for IDs made per request', () => {
    expect(codes("import { validate, v4 } from 'uuid';\nconst ok = validate('x');\nexport const handler = async () => v4();")).toEqual([]);
  });
});

describe('SR105 timestamps', () => {
  it('reports Date.now(), new Date(), Date(), performance.now(), process.hrtime(.bigint)()', () => {
    expect(
      codes(
        [
          "import { performance as perf } from 'node:perf_hooks';",
          'const startedAt = Date.now();',
          'const bootDate = new Date();',
          'const text = Date();',
          'const t0 = perf.now();',
          'const t1 = process.hrtime();',
          'const t2 = process.hrtime.bigint();',
          'const t3 = performance.now();',
        ].join('\n'),
      ),
    ).toEqual(['SR105:2', 'SR105:3', 'SR105:4', 'SR105:5', 'SR105:6', 'SR105:7', 'SR105:8']);
  });
  it('is silent for fixed dates, in the handler, and when thrown away', () => {
    expect(codes("const epoch = new Date(0);\nconst launch = new Date('2024-01-01');\nconsole.log('init at', Date.now());")).toEqual([]);
    expect(codes('export const handler = async () => ({ at: Date.now(), d: new Date() });')).toEqual([]);
  });
});

describe('SR106 timers armed at init', () => {
  it('reports setInterval / setTimeout at init, also from node:timers', () => {
    expect(codes("import { setInterval as every } from 'node:timers';\nconst flush = setInterval(() => {}, 1000);\nevery(() => {}, 5);\nsetTimeout(() => {}, 10);")).toEqual([
      'SR106:2',
      'SR106:3',
      'SR106:4',
    ]);
  });
  it('is silent when a hook clears or re-arms it, and in the handler', () => {
    expect(
      codes(
        `${HOOKS}let flush = setInterval(() => {}, 1000);\nregisterBeforeSnapshot(() => clearInterval(flush));\nregisterAfterRestore(() => { flush = setInterval(() => {}, 1000); });`,
      ),
    ).toEqual([]);
    expect(codes('export const handler = async () => { setTimeout(() => {}, 5); };')).toEqual([]);
    // timers/promises' setTimeout is a delay, not a timer kept in the snapshot.
    expect(codes("import { setTimeout as sleep } from 'node:timers/promises';\nawait sleep(1);")).toEqual([]);
  });
  it('suggests the hooks with the timer variable', () => {
    const [finding] = lint('const flush = setInterval(send, 1000);');
    expect(finding!.suggestion).toBe(
      'arm it after the restore and clear it before the snapshot: `registerBeforeSnapshot(() => clearInterval(flush)); registerAfterRestore(() => { flush = setInterval(send, 1000); });` (first change `const flush` to `let flush`, so that the hook can assign it)',
    );
  });
});

describe('SR107 connections, pools, keep-alive agents', () => {
  it('reports what opens sockets at init with no hook that closes or renews it, not what only constructs a client', () => {
    const source = [
      "import http from 'node:http';",
      "import https from 'node:https';",
      "import * as net from 'node:net';",
      "import { Pool, Client } from 'pg';",
      "import mysql from 'mysql2/promise';",
      "import Redis from 'ioredis';",
      "import { createClient } from 'redis';",
      "import mongoose from 'mongoose';",
      "import { MongoClient } from 'mongodb';",
      'const agent = new http.Agent({ keepAlive: true });',
      'const tlsAgent = new https.Agent();',
      "const socket = net.connect(6379, 'cache');",
      'const pool = new Pool();',
      'const client = new Client();',
      'const db = mysql.createPool({});',
      'const redis = new Redis();',
      'const other = createClient();',
      "await mongoose.connect('mongodb://x');",
      "const mongo = new MongoClient('mongodb://x');",
      'await client.connect();',
      "await pool.query('select 1');",
      'await other.connect();',
      'await mongo.connect();',
      "https.get('https://x', { agent }, (res) => res.resume());",
      "https.get('https://x', { agent: tlsAgent }, (res) => res.resume());",
      'const lazy = new Redis({ lazyConnect: true });',
    ].join('\n');
    // Constructed only (silent): the agents, pg's Pool and Client, mysql2's pool, node-redis's
    // client, MongoClient, ioredis with lazyConnect. Opened: net.connect, ioredis, mongoose.connect,
    // the connect()/query() calls, a request through the keep-alive agent.
    expect(codes(source)).toEqual(['SR107:12', 'SR107:16', 'SR107:18', 'SR107:20', 'SR107:21', 'SR107:22', 'SR107:23', 'SR107:24']);
  });
  it('is silent with a hook that closes or renews it, for a pool made in an after-restore hook, and for a plain agent', () => {
    expect(
      codes(`${HOOKS}import { Pool } from 'pg';\nlet pool = new Pool();\nregisterBeforeSnapshot(() => pool.end());\nregisterAfterRestore(() => { pool = new Pool(); });`),
    ).toEqual([]);
    expect(
      codes(`${HOOKS}import { Pool } from 'pg';\nlet pool;\nregisterAfterRestore(() => { pool = new Pool(); });\nexport const handler = async () => pool.query('select 1');`),
    ).toEqual([]);
    expect(codes("import http from 'node:http';\nconst agent = new http.Agent({ keepAlive: false });")).toEqual([]);
    expect(codes("import { Pool } from 'pg';\nlet pool;\nexport const handler = async () => { pool ??= new Pool(); return pool.query('x'); };")).toEqual([]);
  });
  it('suggests closing and reopening with the right method', () => {
    const [opened] = lint("import Redis from 'ioredis';\nconst redis = new Redis({ port: 6379 });");
    expect(opened!.suggestion).toBe(
      'close it before the snapshot and open it again after the restore: `registerBeforeSnapshot(() => redis.quit()); registerAfterRestore(() => { redis = new Redis({ port: 6379 }); });`, or create it in the handler on first use (first change `const redis` to `let redis`, so that the hook can assign it)',
    );
    const [connected] = lint("import { Pool } from 'pg';\nconst pool = new Pool({ max: 1 });\nawait pool.query('select 1');");
    expect(connected!.message).toContain("`pool.query('select 1')` runs at init");
    expect(connected!.message).toContain('The connection, kept in `pool`,');
    expect(connected!.suggestion).toBe(
      'connect in the handler on first use, or close it before the snapshot and connect a new one after the restore: `registerBeforeSnapshot(() => pool.end());` and, in `registerAfterRestore`, make and connect it again',
    );
  });
});

describe('what the libraries do (their source read in test/corpus, where each case is one line)', () => {
  it('SR107: constructing a lazy client is silent, connecting it at init is not', () => {
    const source = [
      "import { PrismaClient } from '@prisma/client';",
      "import knex from 'knex';",
      "import { Kafka } from 'kafkajs';",
      "import mongoose from 'mongoose';",
      'const prisma = new PrismaClient();',
      "const db = knex({ client: 'pg' });",
      "const producer = new Kafka({ brokers: ['k:9092'] }).producer();",
      'await prisma.$connect();',
      "db.raw('select 1');",
      "await db.raw('select 1');",
      'await producer.connect();',
      'export const unopened = mongoose.createConnection();',
      "export const opened = mongoose.createConnection('mongodb://x');",
    ].join('\n');
    // knex runs a query only when it is awaited; createConnection() without a URI opens nothing.
    expect(codes(source)).toEqual(['SR107:8', 'SR107:10', 'SR107:11', 'SR107:13']);
  });
  it('SR107: a request at init through a keep-alive pool, not through a closing agent', () => {
    const source = [
      "import https from 'node:https';",
      "import { Pool } from 'undici';",
      "const pool = new Pool('https://api');",
      'const once = new https.Agent({ keepAlive: false });',
      "export const config = await fetch('https://config');",
      "export const warm = await pool.request({ path: '/' });",
      "https.get('https://x', (res) => res.resume());",
      "https.get('https://x', { agent: once }, (res) => res.resume());",
      "https.get('https://x', { agent: false }, (res) => res.resume());",
    ].join('\n');
    expect(codes(source)).toEqual(['SR107:5', 'SR107:6', 'SR107:7']);
  });
  it('SR105: "now" through date libraries and tokens signed with an expiry; given dates are fine', () => {
    const source = [
      "import dayjs from 'dayjs';",
      "import moment from 'moment';",
      "import { DateTime } from 'luxon';",
      "import { startOfToday } from 'date-fns';",
      "import jwt from 'jsonwebtoken';",
      'export const a = dayjs().format();',
      "export const b = dayjs('2024-01-01');",
      'export const c = moment.utc();',
      'export const d = DateTime.local();',
      'export const e = DateTime.local(2020, 1, 1);',
      'export const f = startOfToday();',
      "export const g = jwt.sign({}, 'k', { expiresIn: '1h' });",
      "export const h = jwt.sign({}, 'k');",
    ].join('\n');
    expect(codes(source)).toEqual(['SR105:6', 'SR105:8', 'SR105:9', 'SR105:11', 'SR105:12']);
  });
  it('SR101 lodash, SR104 generators, SR103 in-place fills', () => {
    const source = [
      "import _ from 'lodash';",
      "import { customAlphabet } from 'nanoid';",
      "import { randomFillSync } from 'node:crypto';",
      'export const r = _.shuffle([1, 2]);',
      'export const u = _.uniqueId();',
      "const gen = customAlphabet('abc', 4);",
      'export const id = gen();',
      'const key = Buffer.alloc(8);',
      'randomFillSync(key);',
      'randomFillSync(Buffer.alloc(8));',
    ].join('\n');
    expect(codes(source)).toEqual(['SR101:4', 'SR104:7', 'SR103:9']);
    expect(lint(source).find((f) => f.code === 'SR103')!.suggestion).toBe(
      'fill it in the handler, or fill it again after each restore: `registerAfterRestore(() => { randomFillSync(key); });`',
    );
    expect(
      codes(`${HOOKS}import { randomFillSync } from 'node:crypto';\nconst key = Buffer.alloc(8);\nrandomFillSync(key);\nregisterAfterRestore(() => randomFillSync(key));`),
    ).toEqual([]);
  });
  it('renewal through class methods, private ones too; timers that settle an awaited promise', () => {
    const renewed = `${HOOKS}class S {\n  static seed = Math.random();\n  static #bump() { S.seed = Math.random(); }\n  static { registerAfterRestore(() => S.#bump()); }\n}`;
    expect(codes(renewed)).toEqual([]);
    expect(codes(renewed.replace('registerAfterRestore(() => S.#bump())', 'registerAfterRestore(() => {})'))).toEqual(['SR101:3']);
    expect(
      codes(`${HOOKS}await new Promise((r) => setTimeout(r, 5));\nregisterBeforeSnapshot(async () => { await new Promise((r) => setTimeout(r, 5)); });\nsetTimeout(flush, 5);`),
    ).toEqual(['SR106:4']);
  });
  it('follows a client assigned later, options through a constant, and callbacks array methods call at once', () => {
    expect(codes("import { Pool } from 'pg';\nlet pool;\nasync function init() { pool = new Pool(); await pool.query('x'); }\nawait init();")).toEqual(['SR107:3']);
    expect(codes("import Redis from 'ioredis';\nconst options = { lazyConnect: true };\nexport const r = new Redis(options);")).toEqual([]);
    expect(codes("import { v4 } from 'uuid';\nexport const ids = [1, 2].map(() => v4());\nexport const order = [1, 2].sort(() => Math.random() - 0.5);")).toEqual([
      'SR104:2',
      'SR101:3',
    ]);
    expect(codes("import { v4 } from 'uuid';\nexport const handler = async () => [1, 2].map(() => v4());")).toEqual([]);
  });
  it('suggests valid code for the place: the whole expression kept, and let for a const', () => {
    const [finding] = lint('const loadedAt = new Date().toISOString();');
    expect(finding!.suggestion).toBe(
      'compute it in the handler, or renew it in `registerAfterRestore(() => { loadedAt = new Date().toISOString(); });` (first change `const loadedAt` to `let loadedAt`, so that the hook can assign it)',
    );
  });
});

describe('SR107 by shape: awaited work at init on a client no table names', () => {
  // The package is not installed here, so only the call's shape says it is a client: settings of a connection.
  const CLIENT = "import { Db } from 'some-orm';\n";
  it('reports the first work init waits for on a client made from connection settings', () => {
    expect(codes(`${CLIENT}export const db = new Db({ host: 'db', port: 5432 });\nawait db.initialize();\nawait db.query('select 1');`)).toEqual(['SR107:3']);
    expect(codes(`${CLIENT}const db = new Db(process.env.DATABASE_URL);\ndb.connect();`)).toEqual(['SR107:3']);
    expect(codes(`${CLIENT}const db = new Db('postgres://db/app');\nexport const ready = db.connect();`)).toEqual(['SR107:3']);
    expect(codes(`${CLIENT}const db = new Db({ url: 'x' });\ndb.users.find().then(() => {});`)).toEqual(['SR107:3']);
    // A tagged template on a client made by a factory.
    expect(codes("import make from 'sql-client';\nconst sql = make({ host: 'db' });\nawait sql`select 1`;")).toEqual(['SR107:3']);
    // A factory's client made from settings (`servers`), then work awaited on it.
    expect(codes("import { connect } from 'broker';\nconst nc = connect({ servers: 'b:4222' });\nawait nc.flush();")).toEqual(['SR107:3']);
  });
  it('is silent in the handler, with a hook that closes or renews it, when init closes it, and for work not waited for', () => {
    expect(codes(`${CLIENT}const db = new Db({ host: 'db' });\nexport const handler = async () => { await db.initialize(); };`)).toEqual([]);
    expect(codes(`${HOOKS}${CLIENT}const db = new Db({ host: 'db' });\nawait db.initialize();\nregisterBeforeSnapshot(() => db.destroy());`)).toEqual([]);
    expect(codes(`${CLIENT}const db = new Db({ host: 'db' });\nawait db.initialize();\nawait db.runMigrations();\nawait db.destroy();`)).toEqual([]);
    expect(codes(`${CLIENT}const db = new Db({ host: 'db' });\ndb.on('error', console.error);\nconst repo = db.getRepository('users');`)).toEqual([]);
    // Not a client: nothing says it connects.
    expect(codes("import i18next from 'i18next';\nconst i18n = i18next.createInstance({ lng: 'en' });\nawait i18n.init();")).toEqual([]);
    // The AWS SDK retries a stale socket.
    expect(
      codes("import { S3Client, ListBucketsCommand } from '@aws-sdk/client-s3';\nconst s3 = new S3Client({ endpoint: 'http://x' });\nawait s3.send(new ListBucketsCommand({}));"),
    ).toEqual([]);
  });
  it('a client made in the same expression as the work init waits for', () => {
    expect(codes(`${CLIENT}export const db = await new Db({ host: 'db' }).initialize();`)).toEqual(['SR107:2']);
    expect(codes(`${CLIENT}await new Db({ host: 'db' }).initialize();`)).toEqual(['SR107:2']);
    expect(codes(`${CLIENT}export const handler = async () => new Db({ host: 'db' }).initialize();\nconst built = new Db({ host: 'db' }).describe();`)).toEqual([]);
  });
  it('one finding per client: what is made from it (a channel) is part of it', () => {
    expect(codes(`${CLIENT}const db = new Db({ host: 'db' });\nconst tx = await db.transaction();\nawait tx.commit();\nawait db.query('x');`)).toEqual(['SR107:3']);
  });
  it('says which client and how to close it', () => {
    const [finding] = lint(`${CLIENT}export const db = new Db({ host: 'db' });\nawait db.initialize();`);
    expect(finding!.message).toContain('`db.initialize()`');
    expect(finding!.message).toContain('kept in `db`');
    expect(finding!.suggestion).toContain('registerBeforeSnapshot(() => db.close())');
  });
});

describe('SR108 AWS credentials from the environment', () => {
  it('reports reads in any form, anywhere (the variables are never set under SnapStart)', () => {
    expect(
      codes(
        [
          'const key = process.env.AWS_ACCESS_KEY_ID;',
          "const secret = process.env['AWS_SECRET_ACCESS_KEY'];",
          'const { AWS_SESSION_TOKEN: token } = process.env;',
          'export const handler = async () => process.env.AWS_ACCESS_KEY_ID;',
        ].join('\n'),
      ),
    ).toEqual(['SR108:1', 'SR108:2', 'SR108:3', 'SR108:4']);
  });
  it('is silent for other variables, and for AWS SDK clients made at init', () => {
    expect(codes("import { S3Client } from '@aws-sdk/client-s3';\nconst region = process.env.AWS_REGION;\nconst s3 = new S3Client({ region });")).toEqual([]);
  });
});

describe('SR108 credentials resolved once at init', () => {
  it('reports awaited providers, credential and secret commands, and functions named for fetching them, when kept', () => {
    const source = [
      "import { fromNodeProviderChain } from '@aws-sdk/credential-providers';",
      "import { STSClient, AssumeRoleCommand } from '@aws-sdk/client-sts';",
      'const sts = new STSClient({});',
      'export const creds = await fromNodeProviderChain()();',
      "const { Credentials } = await sts.send(new AssumeRoleCommand({ RoleArn: 'r', RoleSessionName: 's' }));",
      "export const apiKey = await getSecret('api-key');",
      'export const token = await fetchApiToken();',
      'export const identity = await sts.config.credentials();',
    ].join('\n');
    expect(codes(source)).toEqual(['SR108:4', 'SR108:5', 'SR108:6', 'SR108:7', 'SR108:8']);
    expect(lint(source)[0]!.message).toContain('The credentials, kept in `creds`, are resolved once');
  });
  it('is silent for providers made but not called, values thrown away or renewed, the handler, and other awaited calls', () => {
    const source = [
      HOOKS.trim(),
      "import { fromNodeProviderChain } from '@aws-sdk/credential-providers';",
      'const provider = fromNodeProviderChain();',
      'await fromNodeProviderChain()();',
      'let secret = await getSecret();',
      'registerAfterRestore(async () => { secret = await getSecret(); });',
      'const config = await loadConfig();',
      'export const handler = async () => ({ c: await provider(), s: await getSecret(), secret, config });',
    ].join('\n');
    expect(codes(source)).toEqual([]);
  });
});

describe('snapshot-restore-ignore', () => {
  it('silences the named code on the same line or the line after the comment', () => {
    expect(codes('const a = Math.random(); // snapshot-restore-ignore SR101')).toEqual([]);
    expect(codes('// snapshot-restore-ignore SR101 -- a sampling seed, fine to share\nconst a = Math.random();')).toEqual([]);
    expect(codes('// snapshot-restore-ignore SR105\nconst a = Math.random();')).toEqual(['SR101:2']);
    expect(codes('// snapshot-restore-ignore SR105\nconst a = Date.now();\nconst b = Date.now();')).toEqual(['SR105:3']);
    expect(codes('/* snapshot-restore-ignore */ const a = Math.random(), b = Date.now();')).toEqual([]);
  });
});

describe('realistic code that must stay silent', () => {
  it('a handler with SDK clients at init, a pool renewed by hooks, IDs and timestamps per request', () => {
    const source = `${HOOKS}import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Pool } from 'pg';

const dynamo = new DynamoDBClient({});
const table = process.env.TABLE_NAME ?? 'items';
let pool = new Pool({ max: 1 });
registerBeforeSnapshot(async () => { await pool.end(); });
registerAfterRestore(() => { pool = new Pool({ max: 1 }); });

function stamp(item: object) {
  return { ...item, id: randomUUID(), at: new Date().toISOString(), took: performance.now() };
}

export const handler = async (event: { items: object[] }) => {
  const started = Date.now();
  const rows = event.items.map(stamp);
  await pool.query('select 1');
  return { rows, ms: Date.now() - started, table, dynamo: !!dynamo };
};
`;
    expect(codes(source)).toEqual([]);
  });
  it('a file that does not parse has no findings (the hook analysis reports it)', () => {
    expect(codes('const = ;')).toEqual([]);
  });
});

describe('the cheap check before parsing', () => {
  it('lets every form the rules match through', () => {
    for (const snippet of [
      'const r = Math.random;',
      "import { randomUUID as id } from 'node:crypto';",
      "require('crypto').randomBytes(8)",
      'crypto.getRandomValues(a)',
      "import { v4 } from 'uuid';",
      "import { nanoid } from 'nanoid';",
      "const { ulid } = require('ulid');",
      'new Date()',
      'performance.now()',
      'process.hrtime.bigint()',
      'setInterval(f, 1)',
      "import https from 'node:https';",
      "const { Pool } = require('pg');",
      "import pg from 'pg';",
      'net.connect(1)',
      'mysql.createConnection({})',
      "import Redis from 'ioredis';",
      'await client.connect()',
      "import dayjs from 'dayjs';",
      "import { DateTime } from 'luxon';",
      "import random from 'lodash/random.js';",
      "const jwt = require('jsonwebtoken');",
      "import { customAlphabet } from 'nanoid';",
      "import { PrismaClient } from '@prisma/client';",
      'await fetch(url)',
      'process.env.AWS_SESSION_TOKEN',
    ]) {
      expect(UNIQUENESS_PREFILTER.test(snippet), snippet).toBe(true);
    }
  });
  it('keeps typical AWS SDK code unparsed', () => {
    expect(
      UNIQUENESS_PREFILTER.test(
        "import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';\nconst s3 = new S3Client({});\nexport const handler = async () => s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'k' }));",
      ),
    ).toBe(false);
  });
});

describe('found by the review', () => {
  it('an array element is kept in its own destructured name only when Promise.all lists it, not for any call given an array', () => {
    // `f([...])` is no combinator: its result is not the list, so `b` does not keep the random number.
    expect(codes(`${HOOKS}let [a, b] = f([1, Math.random()]);\nregisterAfterRestore(() => { b = 2; });`)).toEqual(['SR101:2']);
    expect(codes(`${HOOKS}let [a, b] = await Promise.all([1, Math.random()]);\nregisterAfterRestore(() => { b = 2; });`)).toEqual([]);
  });
  it('a client opened in a before-snapshot hook is closed by another hook that closes it per element of a list', () => {
    const opened = `${HOOKS}import { DataSource } from 'typeorm';\nconst a = new DataSource({ type: 'postgres', host: 'db.internal' });\nconst b = new DataSource({ type: 'postgres', host: 'db2.internal' });\nconst sources = [a, b];\nregisterBeforeSnapshot(async () => { await a.initialize(); });\n`;
    expect(codes(opened)).toEqual(['SR107:6']);
    expect(codes(`${opened}registerBeforeSnapshot(async () => { for (const s of sources) await s.destroy(); });`)).toEqual([]);
    expect(codes(`${opened}registerBeforeSnapshot(async () => { await Promise.all(sources.map((s) => s.destroy())); });`)).toEqual([]);
  });
});
