// What the local sink answers, told apart by what the client sends first (never by the port it
// meant to reach): enough of each protocol's opening that a driver believes it is connected and
// an init that awaits its first query goes on. Queries get an empty answer; nothing is stored.
//   - PostgreSQL: SSLRequest → 'S' (TLS follows), startup → AuthenticationOk, ReadyForQuery; every
//     query an empty result.
//   - Redis (RESP): PING → PONG, INFO → a server that is not loading, GET → nil, others → OK.
//   - MongoDB (OP_MSG, OP_QUERY): every command → a writable primary's hello, ok: 1.
//   - MQTT: CONNECT → CONNACK accepted, PINGREQ → PINGRESP.
//   - HTTP/1.1 (sink.ts): 200 with an empty JSON object, kept alive; a WebSocket upgrade accepted.
//   - MySQL/MariaDB, whose server speaks first: greeted when the client wrote nothing (below).
import type { Duplex } from 'node:stream';

export type Protocol = 'tls' | 'http' | 'postgres' | 'redis' | 'mongodb' | 'mqtt' | 'mysql';

/** The protocol a client speaks, from its first bytes; undefined when they say nothing known. */
export function sniff(first: Buffer): Protocol | undefined {
  if (first.length >= 3 && first[0] === 0x16 && first[1] === 0x03) return 'tls';
  if (/^(?:GET|POST|PUT|HEAD|DELETE|PATCH|OPTIONS) \S+ HTTP\/1\.[01]\r\n/.test(first.toString('latin1', 0, Math.min(first.length, 2048)))) return 'http';
  if (first.length >= 8) {
    const length = first.readUInt32BE(0);
    const code = first.readUInt32BE(4);
    // SSLRequest, GSSENCRequest, or a v3 startup message.
    if ((length === 8 && (code === 80877103 || code === 80877104)) || (length >= 8 && length < 10_000 && code === 0x0003_0000)) return 'postgres';
  }
  if (first.length >= 16) {
    const length = first.readInt32LE(0);
    const opCode = first.readInt32LE(12);
    if (length >= 16 && length < 48_000_000 && (opCode === 2013 || opCode === 2004)) return 'mongodb';
  }
  if (first[0] !== undefined && first[0] >> 4 === 1 && /MQTT|MQIsdp/.test(first.toString('latin1', 2, 12))) return 'mqtt';
  if (/^(?:\*\d+\r\n\$\d+\r\n|(?:PING|INFO|AUTH|HELLO|SELECT|CLIENT)\b)/i.test(first.toString('latin1', 0, 64))) return 'redis';
  return undefined;
}

/** Bytes a handler collects until a whole message is there. */
class Frames {
  #buffer: Buffer = Buffer.alloc(0);
  push(chunk: Buffer): void {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
  }
  /** Takes `length` bytes when they are all there. */
  take(length: number): Buffer | undefined {
    if (this.#buffer.length < length) return undefined;
    const out = this.#buffer.subarray(0, length);
    this.#buffer = this.#buffer.subarray(length);
    return out;
  }
  peek(): Buffer {
    return this.#buffer;
  }
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL (protocol 3.0).

const pgMessage = (type: string, body: Buffer = Buffer.alloc(0)): Buffer => {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
};
const cstring = (text: string) => Buffer.from(`${text}\0`, 'utf8');
const int32 = (value: number) => {
  const out = Buffer.alloc(4);
  out.writeInt32BE(value);
  return out;
};

/** `upgrade` is called when the client asks for TLS: it wraps the socket and hands the clear side back. */
export function answerPostgres(socket: Duplex, first: Buffer, upgrade: (socket: Duplex, rest: Buffer) => void): void {
  const frames = new Frames();
  let started = false;
  const ready = pgMessage('Z', Buffer.from('I'));
  const onData = (chunk: Buffer) => {
    frames.push(chunk);
    for (;;) {
      if (!started) {
        const head = frames.peek();
        if (head.length < 8) return;
        const length = head.readUInt32BE(0);
        const message = frames.take(length);
        if (!message) return;
        const code = message.readUInt32BE(4);
        if (code === 80877103) {
          // SSLRequest: yes, and the rest of the conversation goes through TLS.
          socket.off('data', onData);
          socket.write('S');
          upgrade(socket, frames.take(frames.peek().length) ?? Buffer.alloc(0));
          return;
        }
        if (code === 80877104) {
          socket.write('N');
          continue;
        }
        started = true;
        socket.write(
          Buffer.concat([
            pgMessage('R', int32(0)),
            pgMessage('S', Buffer.concat([cstring('server_version'), cstring('16.0')])),
            pgMessage('S', Buffer.concat([cstring('client_encoding'), cstring('UTF8')])),
            pgMessage('S', Buffer.concat([cstring('integer_datetimes'), cstring('on')])),
            pgMessage('K', Buffer.concat([int32(1), int32(1)])),
            ready,
          ]),
        );
        continue;
      }
      const head = frames.peek();
      if (head.length < 5) return;
      const message = frames.take(head.readUInt32BE(1) + 1);
      if (!message) return;
      switch (String.fromCharCode(message[0]!)) {
        case 'Q':
          socket.write(Buffer.concat([pgMessage('C', cstring('SELECT 0')), ready]));
          break;
        case 'P':
          socket.write(pgMessage('1'));
          break;
        case 'B':
          socket.write(pgMessage('2'));
          break;
        case 'D':
          // A statement has no parameters and returns no rows; a portal returns no rows.
          socket.write(message[5] === 'S'.charCodeAt(0) ? Buffer.concat([pgMessage('t', Buffer.from([0, 0])), pgMessage('n')]) : pgMessage('n'));
          break;
        case 'E':
          socket.write(pgMessage('C', cstring('SELECT 0')));
          break;
        case 'S':
          socket.write(ready);
          break;
        case 'C':
          socket.write(pgMessage('3'));
          break;
        case 'X':
          socket.end();
          return;
        default:
          // Flush, a password: nothing to say.
          break;
      }
    }
  };
  socket.on('data', onData);
  onData(first);
}

// ---------------------------------------------------------------------------------------------
// Redis (RESP2).

function redisCommands(frames: Frames): string[][] {
  const commands: string[][] = [];
  for (;;) {
    const text = frames.peek().toString('latin1');
    if (text.length === 0) return commands;
    if (text[0] !== '*') {
      // An inline command: one line.
      const end = text.indexOf('\r\n');
      if (end < 0) return commands;
      frames.take(end + 2);
      commands.push(text.slice(0, end).trim().split(/\s+/));
      continue;
    }
    let at = text.indexOf('\r\n');
    if (at < 0) return commands;
    const count = Number(text.slice(1, at));
    at += 2;
    const args: string[] = [];
    for (let i = 0; i < count; i++) {
      const end = text.indexOf('\r\n', at);
      if (end < 0) return commands;
      const length = Number(text.slice(at + 1, end));
      if (text.length < end + 2 + length + 2) return commands;
      args.push(text.slice(end + 2, end + 2 + length));
      at = end + 2 + length + 2;
    }
    frames.take(Buffer.byteLength(text.slice(0, at), 'latin1'));
    commands.push(args);
  }
}

const bulk = (text: string) => `$${Buffer.byteLength(text)}\r\n${text}\r\n`;

function redisAnswer(command: string[]): string {
  switch ((command[0] ?? '').toUpperCase()) {
    case 'PING':
      return '+PONG\r\n';
    case 'INFO':
      return bulk('# Server\r\nredis_version:7.2.0\r\nredis_mode:standalone\r\n# Persistence\r\nloading:0\r\n');
    case 'HELLO':
      // RESP2 only: clients fall back to it.
      return '-ERR unknown command HELLO\r\n';
    case 'GET':
    case 'HGET':
    case 'GETDEL':
      return '$-1\r\n';
    case 'MGET':
    case 'HGETALL':
    case 'KEYS':
    case 'SMEMBERS':
    case 'LRANGE':
    case 'ZRANGE':
      return '*0\r\n';
    case 'EXISTS':
    case 'DEL':
    case 'INCR':
    case 'EXPIRE':
    case 'PUBLISH':
    case 'TTL':
      return ':0\r\n';
    case 'EVALSHA':
      return '-NOSCRIPT No matching script.\r\n';
    default:
      return '+OK\r\n';
  }
}

export function answerRedis(socket: Duplex, first: Buffer): void {
  const frames = new Frames();
  const onData = (chunk: Buffer) => {
    frames.push(chunk);
    const answers = redisCommands(frames).map(redisAnswer);
    if (answers.length > 0) socket.write(answers.join(''));
  };
  socket.on('data', onData);
  onData(first);
}

// ---------------------------------------------------------------------------------------------
// MongoDB.

/** A BSON document of the few types a hello reply needs. */
function bson(fields: Array<[string, boolean | number | string | Date | { int: number }]>): Buffer {
  const parts: Buffer[] = [];
  for (const [name, value] of fields) {
    const key = cstring(name);
    if (typeof value === 'boolean') parts.push(Buffer.from([0x08]), key, Buffer.from([value ? 1 : 0]));
    else if (typeof value === 'string') {
      const text = cstring(value);
      const length = Buffer.alloc(4);
      length.writeInt32LE(text.length);
      parts.push(Buffer.from([0x02]), key, length, text);
    } else if (typeof value === 'number') {
      const out = Buffer.alloc(8);
      out.writeDoubleLE(value);
      parts.push(Buffer.from([0x01]), key, out);
    } else if (value instanceof Date) {
      const out = Buffer.alloc(8);
      out.writeBigInt64LE(BigInt(value.getTime()));
      parts.push(Buffer.from([0x09]), key, out);
    } else {
      const out = Buffer.alloc(4);
      out.writeInt32LE(value.int);
      parts.push(Buffer.from([0x10]), key, out);
    }
  }
  const body = Buffer.concat(parts);
  const out = Buffer.alloc(4 + body.length + 1);
  out.writeInt32LE(out.length);
  body.copy(out, 4);
  return out;
}

function helloDocument(): Buffer {
  return bson([
    ['helloOk', true],
    ['ismaster', true],
    ['isWritablePrimary', true],
    ['maxBsonObjectSize', { int: 16_777_216 }],
    ['maxMessageSizeBytes', { int: 48_000_000 }],
    ['maxWriteBatchSize', { int: 100_000 }],
    ['localTime', new Date(0)],
    ['logicalSessionTimeoutMinutes', { int: 30 }],
    ['connectionId', { int: 1 }],
    ['minWireVersion', { int: 0 }],
    ['maxWireVersion', { int: 21 }],
    ['readOnly', false],
    ['ok', 1],
  ]);
}

/** The command a message carries: the first field of its document. */
function commandName(message: Buffer, opCode: number): string {
  let at = 16;
  if (opCode === 2013) at += 4 + 1;
  else at = message.indexOf(0, 20) + 1 + 8;
  const end = message.indexOf(0, at + 4 + 1);
  return end < 0 ? '' : message.toString('utf8', at + 4 + 1, end);
}

/** No credentials are checked here, so none are accepted: the driver says authentication failed. */
function authFailed(): Buffer {
  return bson([
    ['ok', 0],
    ['errmsg', 'Authentication failed (the audit sink accepts no credentials)'],
    ['code', { int: 18 }],
    ['codeName', 'AuthenticationFailed'],
  ]);
}

export function answerMongo(socket: Duplex, first: Buffer): void {
  const frames = new Frames();
  let requestId = 1;
  const onData = (chunk: Buffer) => {
    frames.push(chunk);
    for (;;) {
      const head = frames.peek();
      if (head.length < 16) return;
      const message = frames.take(head.readInt32LE(0));
      if (!message) return;
      const responseTo = message.readInt32LE(4);
      const opCode = message.readInt32LE(12);
      const doc = /^(?:saslStart|saslContinue|authenticate)$/.test(commandName(message, opCode)) ? authFailed() : helloDocument();
      const header = Buffer.alloc(16);
      header.writeInt32LE(requestId++, 4);
      header.writeInt32LE(responseTo, 8);
      let body: Buffer;
      if (opCode === 2013) {
        header.writeInt32LE(2013, 12);
        body = Buffer.concat([Buffer.alloc(4), Buffer.from([0]), doc]);
      } else {
        // OP_REPLY to a legacy OP_QUERY hello: flags, cursor id, starting from, one document.
        header.writeInt32LE(1, 12);
        const reply = Buffer.alloc(20);
        reply.writeInt32LE(1, 16);
        body = Buffer.concat([reply, doc]);
      }
      header.writeInt32LE(16 + body.length, 0);
      socket.write(Buffer.concat([header, body]));
    }
  };
  socket.on('data', onData);
  onData(first);
}

// ---------------------------------------------------------------------------------------------
// MQTT 3.1.1 and 5.

export function answerMqtt(socket: Duplex, first: Buffer): void {
  const frames = new Frames();
  const onData = (chunk: Buffer) => {
    frames.push(chunk);
    for (;;) {
      const head = frames.peek();
      if (head.length < 2) return;
      // Remaining length: a variable-length integer.
      let length = 0;
      let multiplier = 1;
      let at = 1;
      for (;;) {
        if (at >= head.length) return;
        const byte = head[at++]!;
        length += (byte & 0x7f) * multiplier;
        multiplier *= 128;
        if ((byte & 0x80) === 0) break;
      }
      const packet = frames.take(at + length);
      if (!packet) return;
      const type = packet[0]! >> 4;
      if (type === 1) {
        // CONNECT: the protocol level follows the protocol name.
        const nameLength = packet.readUInt16BE(at);
        const level = packet[at + 2 + nameLength];
        socket.write(level === 5 ? Buffer.from([0x20, 0x03, 0x00, 0x00, 0x00]) : Buffer.from([0x20, 0x02, 0x00, 0x00]));
      } else if (type === 12) {
        socket.write(Buffer.from([0xd0, 0x00]));
      } else if (type === 14) {
        socket.end();
        return;
      }
    }
  };
  socket.on('data', onData);
  onData(first);
}

// ---------------------------------------------------------------------------------------------
// MySQL / MariaDB: the server speaks first. The sink greets a connection whose client wrote
// nothing in the turn after it connected (the audited process says so, redirect.ts); the greeting
// offers mysql_native_password and no TLS, every login is accepted, every command gets OK.

const CAPABILITIES = 0x0000_000f | 0x200 | 0x2000 | 0x8000 | 0x2_0000 | 0x8_0000;

function mysqlPacket(sequence: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUIntLE(payload.length, 0, 3);
  head[3] = sequence & 0xff;
  return Buffer.concat([head, payload]);
}

function mysqlGreeting(): Buffer {
  const capabilities = Buffer.alloc(2);
  capabilities.writeUInt16LE(CAPABILITIES & 0xffff);
  const upper = Buffer.alloc(2);
  upper.writeUInt16LE(CAPABILITIES >>> 16);
  const status = Buffer.from([0x02, 0x00]);
  const thread = Buffer.alloc(4);
  thread.writeUInt32LE(1);
  return mysqlPacket(
    0,
    Buffer.concat([
      Buffer.from([0x0a]),
      cstring('8.0.36-audit-sink'),
      thread,
      Buffer.from('abcdefgh', 'latin1'),
      Buffer.from([0]),
      capabilities,
      Buffer.from([0x21]),
      status,
      upper,
      Buffer.from([21]),
      Buffer.alloc(10),
      Buffer.from('ijklmnopqrst', 'latin1'),
      Buffer.from([0]),
      cstring('mysql_native_password'),
    ]),
  );
}

const mysqlOk = (sequence: number) => mysqlPacket(sequence, Buffer.from([0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00]));

export function answerMysql(socket: Duplex): void {
  const frames = new Frames();
  let loggedIn = false;
  socket.write(mysqlGreeting());
  socket.on('data', (chunk: Buffer) => {
    frames.push(chunk);
    for (;;) {
      const head = frames.peek();
      if (head.length < 4) return;
      const packet = frames.take(4 + head.readUIntLE(0, 3));
      if (!packet) return;
      const sequence = packet[3]!;
      if (!loggedIn) {
        loggedIn = true;
        socket.write(mysqlOk(sequence + 1));
        continue;
      }
      const command = packet[4];
      if (command === 0x01) {
        socket.end();
        return;
      }
      if (command === 0x19) continue;
      if (command === 0x16) {
        // COM_STMT_PREPARE: a statement with no columns and no parameters.
        socket.write(mysqlPacket(sequence + 1, Buffer.from([0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00])));
        continue;
      }
      socket.write(mysqlOk(sequence + 1));
    }
  });
}
