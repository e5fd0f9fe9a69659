// The audit's local sink answers real drivers (test/corpus, pinned versions) in their own
// protocol, told apart by what each sends first: pg, postgres (over TLS too), ioredis, the
// MongoDB driver, mqtt, fetch over TLS and a WebSocket get as far as their first query's answer.
// Every connection goes to the sink on 127.0.0.1, on a port the system picked.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SINK_CERT } from '../../emulator/audit/sink-identity.js';
import { startSink, type Sink } from '../../emulator/audit/sink.js';
import { corpusModules, hasCorpus } from '../helpers/audit-project.js';

const corpus = createRequire(path.join(corpusModules, 'index.js'));

describe.skipIf(!hasCorpus())('the audit sink answers drivers in their protocol', () => {
  let sink: Sink;
  beforeAll(async () => {
    sink = await startSink();
  });
  afterAll(async () => {
    await sink.close();
  });

  it('PostgreSQL: pg connects, authenticates and gets an empty result', async () => {
    const pg = corpus('pg');
    const client = new pg.Client({ host: '127.0.0.1', port: sink.tcpPort, user: 'app', password: 'x', database: 'app' });
    await client.connect();
    const result = await client.query('select 1 as one');
    expect(result.rows).toEqual([]);
    const prepared = await client.query('select $1::int as one', [1]);
    expect(prepared.rows).toEqual([]);
    await client.end();
    expect(sink.answered.postgres).toBeGreaterThanOrEqual(1);
  });

  it('PostgreSQL over TLS: postgres (porsager) asks for TLS, gets it, and its query is answered', async () => {
    const module = corpus('postgres');
    const postgres = module.default ?? module;
    const sql = postgres({ host: '127.0.0.1', port: sink.tcpPort, user: 'app', database: 'app', ssl: { ca: SINK_CERT, servername: 'localhost' }, max: 1, prepare: false });
    const before = sink.answered.tls ?? 0;
    const rows = await sql`select 1 as one`;
    expect([...rows]).toEqual([]);
    await sql.end();
    expect(sink.answered.tls).toBe(before + 1);
  });

  it('Redis: ioredis becomes ready and gets answers', async () => {
    const Redis = corpus('ioredis');
    const redis = new Redis({ host: '127.0.0.1', port: sink.tcpPort, lazyConnect: true, maxRetriesPerRequest: 0 });
    await redis.connect();
    expect(redis.status).toBe('ready');
    expect(await redis.ping()).toBe('PONG');
    expect(await redis.get('missing')).toBeNull();
    redis.disconnect();
  });

  it('MongoDB: the driver finds a writable primary and its ping is ok', async () => {
    const { MongoClient } = corpus('mongodb');
    const client = new MongoClient(`mongodb://127.0.0.1:${sink.tcpPort}/app?directConnection=true&serverSelectionTimeoutMS=5000`);
    await client.connect();
    expect((await client.db('app').command({ ping: 1 })).ok).toBe(1);
    await client.close();
  });

  it('MQTT: the client is connected (CONNACK)', async () => {
    const mqtt = corpus('mqtt');
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${sink.tcpPort}`, { reconnectPeriod: 0 });
    expect(client.connected).toBe(true);
    await client.endAsync();
  });

  it('HTTPS: TLS is terminated and an HTTP request gets a 200 with an empty JSON object', async () => {
    const body = await new Promise<string>((resolve, reject) => {
      const request = https.get({ host: '127.0.0.1', port: sink.tcpPort, path: '/v1/things', ca: SINK_CERT, servername: 'localhost', agent: false }, (response) => {
        expect(response.statusCode).toBe(200);
        let text = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve(text));
      });
      request.on('error', reject);
    });
    expect(JSON.parse(body)).toEqual({});
  });

  it('WebSocket: the upgrade is accepted and the socket stays open', async () => {
    const WebSocket = corpus('ws');
    const socket = new WebSocket(`ws://127.0.0.1:${sink.tcpPort}/feed`);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    expect(socket.readyState).toBe(WebSocket.OPEN);
    socket.terminate();
  });

  it('MySQL: a client said to wait for the server is greeted, and mysql2 logs in and gets OK', async () => {
    const mysql = corpus('mysql2');
    const dgram = await import('node:dgram');
    const net = await import('node:net');
    const control = dgram.createSocket('udp4');
    // What the audited process sends for a client that wrote nothing after connecting (redirect.ts).
    const stream = net.connect(sink.tcpPort, '127.0.0.1');
    await new Promise((resolve) => stream.once('connect', resolve));
    const connection = mysql.createConnection({ stream, user: 'app', password: 'x', database: 'app' });
    await new Promise<void>((resolve) => control.send(`${sink.token} speak-first ${stream.localPort}`, sink.udpPort, '127.0.0.1', () => resolve()));
    const [result] = await connection.promise().query('select 1');
    expect(result).toMatchObject({ affectedRows: 0 });
    connection.destroy();
    control.close();
    expect(sink.answered.mysql).toBe(1);
  });

  it('a client that speaks something unknown is held open without an answer', async () => {
    const net = await import('node:net');
    const socket = net.connect(sink.tcpPort, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(Buffer.from([0x12, 0x01, 0x00, 0x2f, 0x00, 0x00, 0x01, 0x00]));
    let answered = false;
    socket.on('data', () => (answered = true));
    // A whole PostgreSQL conversation on another connection, after the write: the sink has had its turn to answer.
    const pg = corpus('pg');
    const client = new pg.Client({ host: '127.0.0.1', port: sink.tcpPort });
    await client.connect();
    await client.end();
    expect(answered).toBe(false);
    expect(socket.destroyed).toBe(false);
    socket.destroy();
  });
});
