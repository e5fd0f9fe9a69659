// Values that were the same in every restore although the code treats them as unique: the
// SnapStart hazard itself (reference §6). Two sources, compared across the N restores:
// - the module-level values each process saw after its after-restore hooks (module-values.ts):
//   a binding made at init and never regenerated is identical in every process started from the
//   one snapshot, while one regenerated in an after-restore hook differs;
// - the handler's responses: the k-th invoke of every restore answered the same event, so a field
//   that is identical everywhere and looks like an ID, a random number or a timestamp came from
//   the snapshot (a random number generator or UUID cache cloned with it, or a value made at init).
// Only values that look unique are reported (UUIDs, long hex or id-like strings, timestamps,
// random fractions), and never a literal written in the code itself.
import type { ModuleValue } from './protocol.js';

export interface SameValue {
  value: string;
  /** Why it looks unique: "a UUID", "a timestamp (epoch ms)". */
  looksLike: string;
  /** Where it was seen: `module bootId`, `response.requestTag`. */
  where: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX = /^(0x)?[0-9a-f]{16,}$/i;
const ID_LIKE = /^[A-Za-z0-9_-]{16,}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;

/** Why a value looks like it should differ per environment, or undefined. */
export function looksUnique(value: string, type: ModuleValue['type'], now = Date.now()): string | undefined {
  if (type === 'date') return 'a timestamp (Date)';
  if (type === 'string') {
    if (UUID.test(value)) return 'a UUID';
    if (HEX.test(value)) return 'a random-looking hex string';
    if (ISO_TIME.test(value) && Math.abs(Date.parse(value) - now) < TEN_YEARS_MS) return 'a timestamp (ISO 8601)';
    // Mixed letters and digits, long: a generated id (nanoid, base64url), not a word.
    if (ID_LIKE.test(value) && /\d/.test(value) && /[a-z]/i.test(value) && !/^[a-z]+([_-][a-z]+)*\d*$/i.test(value)) return 'a random-looking id';
    return undefined;
  }
  const number = Number(value);
  if (!Number.isFinite(number)) return undefined;
  if (Number.isInteger(number)) {
    if (Math.abs(number - now) < TEN_YEARS_MS) return 'a timestamp (epoch ms)';
    if (Math.abs(number * 1000 - now) < TEN_YEARS_MS) return 'a timestamp (epoch s)';
    return undefined;
  }
  // Math.random() and friends: a fraction with many digits.
  if (number > 0 && number < 1 && value.length >= 12) return 'a random number';
  return undefined;
}

/** Flattens a response into path → primitive value (strings, numbers), three levels deep. */
export function flattenResponse(payload: unknown, path = 'response', depth = 0, out: ModuleValue[] = []): ModuleValue[] {
  if (typeof payload === 'string') out.push({ path, type: 'string', value: payload });
  else if (typeof payload === 'number') out.push({ path, type: 'number', value: String(payload) });
  else if (payload && typeof payload === 'object' && depth < 3) {
    for (const [key, value] of Object.entries(payload)) {
      flattenResponse(value, Array.isArray(payload) ? `${path}[${key}]` : `${path}.${key}`, depth + 1, out);
    }
  }
  return out;
}

/**
 * Values equal in every one of the given observations (one list per restore), that look unique
 * and are not literals of `code`.
 */
export function findSameValues(observations: Array<{ label: string; perRestore: ModuleValue[][] }>, code: string): SameValue[] {
  const found = new Map<string, SameValue>();
  for (const { label, perRestore } of observations) {
    if (perRestore.length < 2) continue;
    const [first, ...rest] = perRestore.map((values) => new Map(values.map((entry) => [entry.path, entry])));
    for (const [path, entry] of first) {
      if (!rest.every((other) => other.get(path)?.value === entry.value)) continue;
      const looksLike = looksUnique(entry.value, entry.type);
      if (!looksLike || isLiteral(entry, code)) continue;
      const key = `${entry.type === 'date' ? 'date' : 'value'}:${entry.value}`;
      const same = found.get(key) ?? { value: entry.value, looksLike, where: [] };
      const where = label ? `${label} ${path}` : path;
      if (!same.where.includes(where)) same.where.push(where);
      found.set(key, same);
    }
  }
  // In a fixed order: the same code gives the same list on every run.
  const key = (same: SameValue) => `${same.where[0]}\u0000${same.value}`;
  return [...found.values()].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function isLiteral(entry: ModuleValue, code: string): boolean {
  return entry.type !== 'date' && code.includes(entry.value);
}
