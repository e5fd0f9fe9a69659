// taint.ts: a kept value carries randomness drawn at init when its bytes, hex digits, binary
// string or numbers hold what was drawn; what it is (an ID, bytes, a key, a client) decides
// the code. Draws are real random bytes, made here.
import { EventEmitter } from 'node:events';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Taint } from '../../emulator/audit/taint.js';

describe('taint: kept values that carry what init drew', () => {
  const drawn = randomBytes(32);
  const taint = new Taint();
  taint.addBytes(7, drawn);
  const number = 0.123456789012345;
  taint.addNumber(9, number);

  it('finds the bytes themselves, a copy, a slice, their hex (a UUID, an ObjectId) and their binary string', () => {
    expect(taint.report(drawn)).toMatchObject({ shape: 'bytes', carries: [7], asBytes: true });
    expect(taint.report(Uint8Array.from(drawn.subarray(4, 20)))).toMatchObject({ carries: [7], asBytes: true });
    const hex = drawn.toString('hex');
    const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    expect(taint.report(uuid)).toMatchObject({ shape: 'primitive', carries: [7], asBytes: false });
    const binary = drawn.subarray(0, 16).toString('latin1');
    expect(taint.report(`${binary}`).carries).toEqual([7]);
  });

  it('finds them inside an object, and says bytes for a key pair, an ID for a class instance', () => {
    const pair = { publicKey: new Uint8Array(32), secretKey: Uint8Array.from(drawn) };
    expect(taint.report(pair)).toMatchObject({ shape: 'object', carries: [7], asBytes: true });
    class Id {
      readonly bytes = Uint8Array.from(drawn.subarray(0, 12));
    }
    expect(taint.report(new Id())).toMatchObject({ shape: 'object', carries: [7], asBytes: false });
  });

  it('finds bytes an object shows only through a getter or its toString', () => {
    const hidden = new WeakMap<object, Buffer>();
    class Hidden {
      constructor() {
        hidden.set(this, Buffer.from(drawn));
      }
      get buffer() {
        return Buffer.from(hidden.get(this)!);
      }
    }
    expect(taint.report(new Hidden()).carries).toEqual([7]);
  });

  it('finds 32-bit words read from the pool the other way round', () => {
    const words = new Uint32Array(drawn.buffer.slice(drawn.byteOffset, drawn.byteOffset + 16));
    const bigEndian = Buffer.alloc(16);
    for (const [i, word] of words.entries()) bigEndian.writeUInt32BE(word, i * 4);
    expect(taint.report(bigEndian).carries).toEqual([7]);
  });

  it('finds a number drawn, and the digits made of it', () => {
    expect(taint.report(number).carries).toEqual([9]);
    expect(taint.report(`id-${number.toString(36).slice(2, 10)}`).carries).toEqual([9]);
  });

  it('says service for a client, key for a key, and finds nothing in values made of other randomness', () => {
    const client = Object.assign(new EventEmitter(), { id: drawn.toString('hex') });
    expect(taint.report(client).shape).toBe('service');
    expect(taint.report({ end() {}, query() {} }).shape).toBe('service');
    expect(taint.report(generateKeyPairSync('ed25519').privateKey)).toMatchObject({ shape: 'key', asBytes: true });
    expect(taint.report(randomBytes(32)).carries).toEqual([]);
    expect(taint.report(randomBytes(16).toString('hex')).carries).toEqual([]);
    expect(taint.report('plain text')).toMatchObject({ shape: 'primitive', carries: [] });
    expect(taint.report(undefined).shape).toBe('unset');
  });

  it('says a binary string is one', () => {
    expect(taint.report(`${randomBytes(16).toString('latin1')}\x01`).binary).toBe(true);
    expect(taint.report('hello').binary).toBeUndefined();
  });
});
