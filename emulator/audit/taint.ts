// Inside the audited process: what randomness init drew, kept as a fingerprint, and whether a
// value init kept still carries it at the snapshot point. A library that draws randomness for a
// one-off purpose (a retry jitter, a handshake nonce, an internal name) leaves nothing of it in
// the value it hands back; an ID or key generator hands back the randomness itself. The
// fingerprint is every 4-byte window of the bytes drawn (crypto's randomBytes, randomFill,
// getRandomValues, randomUUID) and the digits of the numbers drawn (Math.random); a value carries
// a draw when its bytes, its hex digits or its binary string hold one of the windows, or its
// numbers and digits hold one of the numbers.
import { EventEmitter } from 'node:events';
import { KeyObject } from 'node:crypto';
import { types } from 'node:util';
import { ClockPrint, type Matches } from './clock-print.js';

/** At most this many bytes of each draw are fingerprinted (a pool of 256 bytes is covered). */
const BYTES_PER_DRAW = 1_024;
const MAX_WINDOWS = 200_000;
const MAX_NUMBERS = 512;
/** How far into a kept value the search goes, and how much of it. */
const DEPTH = 4;
const MAX_NODES = 4_000;
const MAX_SCAN_BYTES = 1 << 20;

/** What a kept value is, as far as a snapshot's clone of it matters. */
export type ValueShape = 'unset' | 'primitive' | 'bytes' | 'key' | 'service' | 'function' | 'object';

export interface ValueReport {
  shape: ValueShape;
  /** Draws (by their owner's index) whose randomness the value carries. */
  carries: number[];
  /** The randomness is carried as bytes (a buffer, a binary string, a key), not as an ID made from it. */
  asBytes: boolean;
  /** The value is a binary string (one byte a character, not text). */
  binary?: boolean;
  /** Clock reads (by their owner's index) whose time the value keeps outside any client or task it holds. */
  clock?: number[];
  /** Clock reads whose time (shared with other reads) the value may keep. */
  clockShared?: number[];
  /** It holds the credentials the sink served (credentialMarks). */
  credential?: boolean;
}

/** Characters text does not hold, in a string of one byte a character. */
function isBinary(text: string): boolean {
  let control = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) return false;
    if (code < 0x09 || (code > 0x0d && code < 0x20) || code >= 0x7f) control = true;
  }
  return control;
}

export class Taint {
  readonly #windows = new Map<number, Set<number>>();
  readonly #numbers: Array<{ owner: number; value: number; digits: string[] }> = [];
  /** Fingerprints of the clock reads: the time each one gave. */
  readonly clock = new ClockPrint();
  /** The access key id of the credentials the sink served: a string holding it holds them (or a token signed with them). */
  readonly credentialMarks: string[] = [];

  /** Bytes drawn for `owner`. */
  addBytes(owner: number, bytes: Uint8Array): void {
    const end = Math.min(bytes.length, BYTES_PER_DRAW);
    for (let i = 0; i + 4 <= end && this.#windows.size < MAX_WINDOWS; i++) {
      const key = ((bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!) >>> 0;
      // And byte-swapped: a generator that reads its pool as 32-bit words writes them the other way round.
      const swapped = ((bytes[i + 3]! << 24) | (bytes[i + 2]! << 16) | (bytes[i + 1]! << 8) | bytes[i]!) >>> 0;
      for (const window of [key, swapped]) {
        let owners = this.#windows.get(window);
        if (!owners) this.#windows.set(window, (owners = new Set()));
        owners.add(owner);
      }
    }
  }

  /** A number drawn for `owner` (Math.random, randomInt). */
  addNumber(owner: number, value: number): void {
    if (this.#numbers.length >= MAX_NUMBERS) return;
    // The digits a generator keeps when it turns the number into text (`toString(36).slice(2)`).
    const digits = [36, 16, 10].map((radix) => value.toString(radix).replace(/^0\./, '').slice(0, 8)).filter((d) => d.length >= 6);
    this.#numbers.push({ owner, value, digits });
  }

  get empty(): boolean {
    return this.#windows.size === 0 && this.#numbers.length === 0;
  }

  /** Whether (and how) `value`, kept at the snapshot point, carries randomness drawn at init. */
  report(value: unknown): ValueReport {
    const carries = new Set<number>();
    // A clock read is kept by the user's value when no client or task holds it on the way (a
    // connection's own timestamps are the connection's).
    const clock: Matches = { sure: new Set(), shared: new Set() };
    let asBytes = false;
    let credential = false;
    const shape = shapeOf(value);
    const seen = new Set<unknown>();
    let nodes = 0;
    let scanned = 0;
    const visit = (node: unknown, depth: number, plainPath: boolean, owned = shape !== 'service'): void => {
      if (nodes++ > MAX_NODES) return;
      const times: Matches = owned ? clock : { sure: new Set(), shared: new Set() };
      if (typeof node === 'string') {
        if (owned && this.credentialMarks.some((mark) => node.includes(mark))) credential = true;
        this.clock.string(node, times);
        const found = this.#inString(node);
        for (const owner of found.owners) carries.add(owner);
        if (found.owners.size > 0 && found.binary && plainPath) asBytes = true;
        return;
      }
      if (typeof node === 'number') {
        this.clock.number(node, times);
        for (const drawn of this.#numbers) if (drawn.value === node) carries.add(drawn.owner);
        return;
      }
      if (typeof node === 'bigint') return this.clock.bigint(node, times);
      if ((typeof node !== 'object' && typeof node !== 'function') || node === null || seen.has(node)) return;
      seen.add(node);
      if (types.isProxy(node)) return;
      if (types.isDate(node)) return this.clock.date(node as Date, times);
      const ownedBelow = owned && (depth === 0 || shapeOf(node) !== 'service');
      if (ArrayBuffer.isView(node) || types.isAnyArrayBuffer(node)) {
        const bytes = ArrayBuffer.isView(node) ? new Uint8Array(node.buffer, node.byteOffset, node.byteLength) : new Uint8Array(node as ArrayBuffer);
        if (scanned > MAX_SCAN_BYTES) return;
        scanned += bytes.length;
        const owners = this.#inBytes(bytes);
        for (const owner of owners) carries.add(owner);
        if (owners.size > 0 && plainPath) asBytes = true;
        return;
      }
      if (node instanceof KeyObject || isCryptoKey(node)) {
        if (plainPath) asBytes = true;
        return;
      }
      if (depth >= DEPTH) return;
      // A plain object (a key pair) or an array passes "as bytes" on; a class instance (an ObjectId) does not.
      const plain = plainPath && (Array.isArray(node) || Object.getPrototypeOf(node) === Object.prototype || Object.getPrototypeOf(node) === null);
      if (node instanceof Map) {
        for (const [k, v] of node) {
          visit(k, depth + 1, false, ownedBelow);
          visit(v, depth + 1, false, ownedBelow);
        }
        return;
      }
      if (node instanceof Set) {
        for (const v of node) visit(v, depth + 1, false, ownedBelow);
        return;
      }
      let keys: Array<string | symbol>;
      try {
        keys = Reflect.ownKeys(node);
      } catch {
        return;
      }
      const numbers: number[] = [];
      for (const key of keys.slice(0, 200)) {
        let descriptor: PropertyDescriptor | undefined;
        try {
          descriptor = Reflect.getOwnPropertyDescriptor(node, key);
        } catch {
          continue;
        }
        // Values only: a getter is the library's code, not what it kept.
        if (descriptor && 'value' in descriptor) {
          if (typeof descriptor.value === 'number') numbers.push(descriptor.value);
          visit(descriptor.value, depth + 1, plain, ownedBelow);
        }
      }
      // A date kept as its fields (year, month, day).
      if (ownedBelow) this.clock.fields(numbers, clock);
    };
    visit(value, 0, true);
    // An ID object that keeps its bytes out of reach (in a WeakMap, as 3-byte numbers) shows them
    // through its getters and its own toString/toJSON: read those of the value itself. A date
    // object keeping wall time shows its instant the same way.
    if ((carries.size === 0 || clock.sure.size + clock.shared.size === 0) && shape === 'object') for (const shown of presented(value as object)) visit(shown, 1, false);
    if (shape === 'key') asBytes = true;
    return {
      shape,
      carries: [...carries].sort((a, b) => a - b),
      asBytes: asBytes && (shape === 'bytes' || shape === 'key' || shape === 'object' || shape === 'primitive'),
      ...(typeof value === 'string' && isBinary(value) ? { binary: true } : {}),
      ...(credential ? { credential: true } : {}),
      ...(clock.sure.size > 0 ? { clock: [...clock.sure].sort((a, b) => a - b) } : {}),
      ...(clock.shared.size > 0 ? { clockShared: [...clock.shared].filter((id) => !clock.sure.has(id)).sort((a, b) => a - b) } : {}),
    };
  }

  #inBytes(bytes: Uint8Array): Set<number> {
    const owners = new Set<number>();
    if (this.#windows.size === 0) return owners;
    for (let i = 0; i + 4 <= bytes.length; i++) {
      const key = ((bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!) >>> 0;
      const found = this.#windows.get(key);
      if (found) for (const owner of found) owners.add(owner);
    }
    return owners;
  }

  #inString(text: string): { owners: Set<number>; binary: boolean } {
    const owners = new Set<number>();
    let binary = false;
    if (text.length < 4 || text.length > MAX_SCAN_BYTES) return { owners, binary };
    if (this.#windows.size > 0) {
      // Hex digits (a UUID, an ObjectId's hex), in both alignments.
      for (const run of text.match(/[0-9a-fA-F]{8,}/g) ?? []) {
        for (const offset of [0, 1]) {
          const hex = run.slice(offset, offset + ((run.length - offset) & ~1));
          for (const owner of this.#inBytes(Buffer.from(hex, 'hex'))) owners.add(owner);
        }
      }
      // A binary string (forge's, latin1): one byte a character. Made of non-text characters.
      if (isBinary(text)) {
        const found = this.#inBytes(Buffer.from(text, 'latin1'));
        for (const owner of found) owners.add(owner);
        binary = true;
      }
    }
    for (const drawn of this.#numbers) if (drawn.digits.some((digits) => text.includes(digits))) owners.add(drawn.owner);
    return { owners, binary };
  }
}

/** What an object shows of itself: its getters' values and its own toString()/toJSON(), up its classes. */
function presented(value: object): unknown[] {
  const shown: unknown[] = [];
  for (let owner: object | null = value; owner !== null && owner !== Object.prototype && shown.length < 32; owner = Object.getPrototypeOf(owner)) {
    for (const key of Object.getOwnPropertyNames(owner)) {
      const descriptor = Object.getOwnPropertyDescriptor(owner, key);
      try {
        if (descriptor?.get) shown.push(descriptor.get.call(value));
        else if ((key === 'toString' || key === 'toJSON' || key === 'valueOf') && typeof descriptor?.value === 'function' && owner !== value)
          shown.push(descriptor.value.call(value));
      } catch {
        // A getter that needs more than the object: nothing shown.
      }
    }
  }
  return shown;
}

function isCryptoKey(value: object): boolean {
  const CryptoKey = (globalThis as { CryptoKey?: abstract new () => object }).CryptoKey;
  return CryptoKey !== undefined && value instanceof CryptoKey;
}

/** Methods that give an object a lifecycle of its own: a client, a pool, a scheduled task. */
const LIFECYCLE = ['end', 'close', 'destroy', 'disconnect', 'quit', 'stop', 'shutdown', 'terminate', 'drain'];

function shapeOf(value: unknown): ValueShape {
  if (value === undefined) return 'unset';
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return 'primitive';
  if (types.isProxy(value)) return 'service';
  if (ArrayBuffer.isView(value) || types.isAnyArrayBuffer(value)) return 'bytes';
  if (value instanceof KeyObject || isCryptoKey(value)) return 'key';
  if (value instanceof EventEmitter || (typeof EventTarget !== 'undefined' && value instanceof EventTarget)) return 'service';
  const record = value as Record<string, unknown>;
  const method = (name: string) => {
    try {
      return typeof record[name] === 'function';
    } catch {
      return false;
    }
  };
  if ((method('on') && method('emit')) || LIFECYCLE.some(method)) return 'service';
  if (types.isPromise(value)) return 'service';
  return typeof value === 'function' ? 'function' : 'object';
}
