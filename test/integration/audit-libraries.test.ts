// The run-time audit of init on real libraries (test/corpus, pinned versions), pointed at hosts
// that the audit resolves to its local sink: what init really did, at the user's line, where the
// lint cannot name it (a client made by the user's own factory, an ID from a generator, a key,
// an ObjectId whose randomness V8's startup snapshot would reset). Each line says what it
// expects (`// expect:`); lines without a comment must have no finding.
import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditInit } from '../../emulator/audit/audit.js';
import { auditProject, differences, expectations, foundAt, hasCorpus } from '../helpers/audit-project.js';

const run = (dir: string, entry = 'src/handler.ts') => auditInit({ entry, cwd: dir });

describe.skipIf(!hasCorpus())('the run-time audit on real libraries', () => {
  it('finds connections, IDs, keys and clocks by what init does, each at the line that caused it', async () => {
    const files = {
      'src/cache.ts': `import Redis from 'ioredis';
export const makeCache = (url: string) => new Redis(url); // expect: SR107 (ioredis connects in a nextTick queued by the constructor)
`,
      'src/ids.ts': `import { customAlphabet } from 'nanoid';
export const makeIds = () => customAlphabet('abcdef0123456789', 12);
`,
      'src/handler.ts': `import { makeCache } from './cache.js';
import { makeIds } from './ids.js';
import { ObjectId } from 'mongodb';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import WebSocket from 'ws';

const cache = makeCache('redis://:s3cret@cache.internal:6379');
export const requestId = new ObjectId(); // expect: SR104 (bson draws its process-unique bytes)
const nextId = makeIds();
export const instance = nextId(); // expect: SR104 (nanoid's generator draws its pool)
export const keys = generateKeyPairSync('ed25519'); // expect: SR103
export const feed = new WebSocket('wss://realtime.example.com/feed'); // expect: SR107
export const bootedAt = new Date(); // expect: SR105
console.log('boot', Math.random(), Date.now());
export const traceId = randomUUID(); // expect: SR102

export const handler = async () => ({ requestId: String(requestId), instance, bootedAt, traceId, cache: cache.status });
`,
    };
    const dir = auditProject(files);
    const audit = await run(dir);
    expect(differences(expectations(files), foundAt(audit.findings))).toEqual([]);
    expect(audit.notes).toEqual([]);
    // Each finding names the library it went through and where the connection was going.
    const text = audit.findings.map((finding) => finding.text).join('\n');
    expect(text).toContain('inside ioredis');
    expect(text).toContain('cache.internal:6379');
    expect(text).toContain('inside bson');
    expect(text).not.toContain('s3cret');
  });

  it('reports nothing a hook closes before the snapshot or renews after the restore, and nothing thrown away or silenced', async () => {
    const files = {
      'src/handler.ts': `import Redis from 'ioredis';
import { ObjectId } from 'mongodb';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

const closed = new Redis('redis://cache.internal:6379');
registerBeforeSnapshot(async () => {
  closed.disconnect();
});
let renewed = new Redis('redis://queue.internal:6379');
let startedAt = Date.now();
let sessionId = new ObjectId();
registerAfterRestore(() => {
  renewed = new Redis('redis://queue.internal:6379');
  startedAt = Date.now();
  sessionId = new ObjectId();
});
console.log(new ObjectId().toHexString());
// snapshot-restore-ignore SR104
export const tagged = new ObjectId();
const ticker = setInterval(() => {}, 60_000);
registerBeforeSnapshot(() => clearInterval(ticker));

export const handler = async () => ({ closed: closed.status, renewed: renewed.status, startedAt, sessionId: String(sessionId), tagged: String(tagged) });
`,
    };
    const dir = auditProject(files);
    const audit = await run(dir);
    expect(differences(expectations(files), foundAt(audit.findings))).toEqual([]);
  });

  it('hooks registered in a loop over the clients renew each of them', async () => {
    const files = {
      'src/handler.ts': `import Redis from 'ioredis';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
const cache = new Redis('redis://cache.internal:6379');
const queue = new Redis('redis://queue.internal:6379');
[cache, queue].forEach((client) => {
  registerBeforeSnapshot(() => client.disconnect());
  registerAfterRestore(() => client.connect());
});
const pools = [new Redis('redis://pool.internal:6379')];
for (const pool of pools) registerAfterRestore(() => pool.connect());
const stray = new Redis('redis://stray.internal:6379'); // expect: SR107 (no hook renews it)
export const handler = async () => [cache.status, queue.status, pools.length, stray.status];
`,
    };
    const dir = auditProject(files);
    const audit = await run(dir);
    expect(differences(expectations(files), foundAt(audit.findings))).toEqual([]);
  });

  it('a client in a protocol the sink does not speak waits forever: the audit still reports what init did, and says where it stopped', async () => {
    const files = {
      'src/handler.ts': `import net from 'node:net';
export const seed = Math.random(); // expect: SR101
const tds = net.connect({ host: 'sql.internal', port: 1433 }); // expect: SR107 (a TDS prelogin the sink does not answer)
tds.write(Buffer.from([0x12, 0x01, 0x00, 0x08, 0x00, 0x00, 0x01, 0x00]));
export const reply = await new Promise((resolve) => tds.once('data', resolve));
export const handler = async () => seed;
`,
    };
    const dir = auditProject(files);
    const audit = await run(dir);
    expect(differences(expectations(files), foundAt(audit.findings))).toEqual([]);
    expect(audit.notes).toHaveLength(1);
    expect(audit.notes[0]).toMatch(/^init stopped waiting on a connection \(to sql\.internal:1433, opened at src\/handler\.ts:3:\d+\)/);
  });

  it('a driver whose server speaks first (MySQL) is greeted, logs in, and its query is answered', async () => {
    // mysql2's own 10 s connect timeout measures the machine (a loaded one missed it): set out of reach.
    const files = {
      'src/handler.ts': `import mysql from 'mysql2/promise';
export const db = await mysql.createConnection({ uri: 'mysql://app:hunter2@db.internal:3306/app', connectTimeout: 600000 }); // expect: SR107 (greeted by the sink, logged in, left open)
export const [result] = await db.query('select 1');
export const startedAt = Date.now(); // expect: SR105 (seen: init went past the query)
export const handler = async () => ({ result, startedAt });
`,
    };
    const dir = auditProject(files);
    const audit = await run(dir);
    expect(differences(expectations(files), foundAt(audit.findings))).toEqual([]);
    expect(audit.notes).toEqual([]);
    // The messages and what was seen never show the password (the finding's lineText is the source line as written).
    expect(JSON.stringify([audit.findings.map((finding) => finding.text), audit.notes, audit.seen])).not.toContain('hunter2');
  });

  it('drivers whose client speaks first get answers from the sink, so init goes on past its first query', async () => {
    const files = {
      'src/db.ts': `import pg from 'pg';
export const pool = new pg.Pool({ connectionString: 'postgres://app:hunter2@db.internal:5432/app' });
`,
      'src/handler.ts': `import { pool } from './db.js';
import Redis from 'ioredis';
export const { rows } = await pool.query('select 1'); // expect: SR107 (the pool keeps its client idle and connected)
const cache = new Redis('redis://cache.internal:6379', { lazyConnect: true });
await cache.connect(); // expect: SR107 (ready: the sink answered INFO)
export const warm = await cache.get('warm');
export const startedAt = Date.now(); // expect: SR105 (seen: init went past both awaits)
export const handler = async () => ({ rows, warm, startedAt });
`,
    };
    const dir = auditProject(files);
    const audit = await run(dir);
    expect(differences(expectations(files), foundAt(audit.findings))).toEqual([]);
    expect(audit.notes).toEqual([]);
    expect(JSON.stringify(audit)).not.toContain('hunter2');
  });

  it('an init that fails still reports what it did before, with the error and its line', async () => {
    const files = {
      'src/handler.ts': `import { MongoClient } from 'mongodb';
import Redis from 'ioredis';
export const cache = new Redis('redis://cache.internal:6379'); // expect: SR107
const client = new MongoClient("mongodb+srv://app:it's-a-secret@cluster0.example.net/app?serverSelectionTimeoutMS=3000");
await client.connect();
export const handler = async () => cache.status;
`,
    };
    const dir = auditProject(files);
    const audit = await run(dir);
    expect(differences(expectations(files), foundAt(audit.findings))).toEqual([]);
    expect(audit.notes).toHaveLength(1);
    // The sink answers MongoDB's hello over TLS but accepts no credentials.
    expect(audit.notes[0]).toMatch(/^init stopped(?: at src\/handler\.ts:5:\d+)?: MongoServerError: Authentication failed/);
    // The SRV record was answered here: the driver went on to the sink under the cluster's name.
    expect(audit.seen.some((thing) => thing.kind === 'socket' && thing.detail === 'audit-sink.cluster0.example.net:27017')).toBe(true);
    expect(JSON.stringify(audit)).not.toContain("it's-a-secret");
  });

  it('names and ends the child processes init left running, detached or not', async () => {
    const files = {
      'src/handler.ts': `import { spawn } from 'node:child_process';
const attached = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
const detached = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore', detached: true });
detached.unref();
export const pids = [attached.pid, detached.pid];
export const handler = async () => pids;
`,
    };
    const dir = auditProject(files);
    const audit = await run(dir);
    const notes = audit.notes.filter((note) => note.startsWith('init started a child process'));
    expect(notes).toHaveLength(2);
    const pids = notes.map((note) => Number(/pid (\d+)/.exec(note)?.[1]));
    expect(notes.every((note) => note.endsWith(': ended by the audit'))).toBe(true);
    expect(notes[0]).toContain('at src/handler.ts:2:');
    // Both are gone (a process that no longer exists cannot be signalled).
    for (const pid of pids) await expect.poll(() => alive(pid)).toBe(false);
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A zombie still answers signal 0 until its parent reaps it: read its state.
  try {
    return !/\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
