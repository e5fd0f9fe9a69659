// Inside the audited process: the clock reads init made, kept as fingerprints, to find them again
// in what init keeps at the snapshot point (taint.ts walks the values). A read is found again as
// the same epoch milliseconds, epoch seconds (whole or fractional), a Date holding it (also one
// shifted by a whole time-zone offset, as a date library that keeps wall time does), an ISO or
// HTTP date string, or an object whose own number fields are that day's year, month and day.
// What a value was made from is told by its content, never by the library that made it. A Date
// that `new Date()` made is known by identity (probes.ts registers it), so another read in the
// same millisecond does not claim it; a time several reads gave is shared: which of them a
// value keeps is not known.

const MAX_READS = 20_000;
/** Time-zone offsets a library may have shifted a Date by: every quarter hour up to 14 hours. */
const OFFSET_STEP_MS = 15 * 60_000;
const MAX_OFFSET_MS = 14 * 3_600_000;
/** How far a Date a read made may be moved and still tell a time relative to that read. */
const RELATIVE_MS = 7 * 24 * 3_600_000;
const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?/g;
const HTTP_DATE = /[A-Z][a-z]{2},? \d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} (?:GMT|UTC)/g;
const DATE_STRING = /[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{4} \d{2}:\d{2}:\d{2} GMT[+-]\d{4}/g;
const DAY = /\b(\d{4})-(\d{2})-(\d{2})\b/g;
const EPOCH_DIGITS = /(?<!\d)(\d{13}|\d{10})(?!\d)/g;

type Owners = Set<number>;

/** The reads a value matched: `sure` by identity or by a time one read alone gave, `shared` by a time several gave. */
export interface Matches {
  sure: Set<number>;
  shared: Set<number>;
}

function add(map: Map<string | number, Owners>, key: string | number, owner: number): void {
  let owners = map.get(key);
  if (!owners) map.set(key, (owners = new Set()));
  owners.add(owner);
}

export class ClockPrint {
  readonly #ms = new Map<string | number, Owners>();
  readonly #seconds = new Map<string | number, Owners>();
  readonly #days = new Map<string | number, Owners>();
  readonly #made = new WeakMap<Date, { owner: number; time: number }>();
  #reads = 0;

  /** A Date `new Date()` made for `owner`, with the time it read. */
  made(owner: number, date: Date): void {
    this.#made.set(date, { owner, time: date.getTime() });
  }

  /** A clock read for `owner` that gave this epoch time (ms, possibly fractional). */
  add(owner: number, epochMs: number): void {
    if (!Number.isFinite(epochMs) || this.#reads >= MAX_READS) return;
    this.#reads++;
    const ms = Math.floor(epochMs);
    add(this.#ms, ms, owner);
    // A fractional time (performance's) kept rounded.
    if (Math.round(epochMs) !== ms) add(this.#ms, ms + 1, owner);
    add(this.#seconds, Math.floor(ms / 1000), owner);
    const date = new Date(ms);
    // The day in UTC and in the process's own zone (Lambda's is UTC; a TZ given with --env may differ).
    add(this.#days, `${date.getUTCFullYear()}-${date.getUTCMonth() + 1}-${date.getUTCDate()}`, owner);
    add(this.#days, `${date.getFullYear()}-${date.getMonth() + 1}-${date.getDate()}`, owner);
  }

  get empty(): boolean {
    return this.#reads === 0;
  }

  #put(into: Matches, found: Owners | undefined): void {
    if (!found) return;
    const kind = found.size === 1 ? into.sure : into.shared;
    for (const owner of found) kind.add(owner);
  }

  /** Epoch milliseconds, epoch seconds (whole or with a fraction), or epoch ms with a fraction (performance's). */
  number(value: number, into: Matches): void {
    if (this.empty || !Number.isFinite(value) || value < 1e9) return;
    if (Number.isInteger(value)) {
      this.#put(into, this.#ms.get(value));
      this.#put(into, this.#seconds.get(value));
      return;
    }
    this.#put(into, this.#ms.get(Math.floor(value)));
    this.#put(into, this.#ms.get(Math.round(value * 1000)));
    this.#put(into, this.#ms.get(Math.floor(value * 1000)));
  }

  /** Epoch ms, µs or ns as a bigint. */
  bigint(value: bigint, into: Matches): void {
    if (this.empty || value < 1_000_000_000n) return;
    for (const divisor of [1n, 1_000n, 1_000_000n]) {
      const ms = value / divisor;
      if (ms <= BigInt(Number.MAX_SAFE_INTEGER)) this.#put(into, this.#ms.get(Number(ms)));
    }
  }

  /** A Date: its time, or its time shifted by a whole zone offset (a library keeping wall time in a Date). */
  date(value: Date, into: Matches): void {
    const made = this.#made.get(value);
    const time = value.getTime();
    // The Date a read made: that read's, also moved a little from it (`tomorrow at 9am`, the start of
    // today: a time told relative to the read). One set to a time far from it (a subclass or parser
    // that sets a given date after `new Date()`) holds no read's.
    if (made !== undefined) {
      if (Math.abs(time - made.time) <= RELATIVE_MS) into.sure.add(made.owner);
      return;
    }
    if (this.empty || !Number.isFinite(time)) return;
    this.#put(into, this.#ms.get(time));
    for (let offset = OFFSET_STEP_MS; offset <= MAX_OFFSET_MS; offset += OFFSET_STEP_MS) {
      this.#put(into, this.#ms.get(time + offset));
      this.#put(into, this.#ms.get(time - offset));
    }
  }

  /** Text holding the time: ISO and HTTP dates, Date's own toString, epoch digits, a day (YYYY-MM-DD). */
  string(text: string, into: Matches): void {
    if (this.empty || text.length < 10 || text.length > 4_096) return;
    for (const pattern of [ISO, HTTP_DATE, DATE_STRING]) {
      for (const match of text.matchAll(pattern)) {
        const ms = Date.parse(match[0]);
        if (!Number.isFinite(ms)) continue;
        // With milliseconds, they must match; without, the second does.
        if (/\.\d/.test(match[0])) this.#put(into, this.#ms.get(ms));
        else this.#put(into, this.#seconds.get(Math.floor(ms / 1000)));
      }
    }
    for (const match of text.matchAll(EPOCH_DIGITS)) this.number(Number(match[1]), into);
    for (const match of text.matchAll(DAY)) this.#put(into, this.#days.get(`${Number(match[1])}-${Number(match[2])}-${Number(match[3])}`));
  }

  /** An object whose own number fields are a day read at init: its year, its month (from 1 or from 0) and its day. */
  fields(numbers: readonly number[], into: Matches): void {
    if (this.empty || numbers.length < 3) return;
    const present = new Set(numbers);
    for (const year of present) {
      if (year < 1970 || year > 9999 || !Number.isInteger(year)) continue;
      for (const [key, owners] of this.#days) {
        const [y, m, d] = String(key).split('-').map(Number) as [number, number, number];
        if (y === year && present.has(d) && (present.has(m) || present.has(m - 1))) this.#put(into, owners);
      }
    }
  }
}
