// The words of the user's names that say what a value is: an identifier, or a key, salt, token or
// secret. One list for the static lint (init-work.ts: which library calls to read further) and
// the run-time audit (emulator/audit/secret-kind.ts: SR103 or SR104 for text made of randomness
// a library drew). English words of the user's code, not names of libraries.

/** Words that make a value an identifier, or what identifiers are made from. */
export const ID_WORDS: ReadonlySet<string> = new Set([
  'id',
  'ids',
  'uid',
  'uuid',
  'guid',
  'ulid',
  'cuid',
  'ksuid',
  'nanoid',
  'hyperid',
  'objectid',
  'snowflake',
  'flake',
  'shortid',
  'xid',
  'unique',
  'identifier',
]);

/** Words that make a value a key, or what keys are made from. */
export const KEY_WORDS: ReadonlySet<string> = new Set(['key', 'keys', 'keypair', 'secret', 'salt', 'nonce', 'iv']);

/** Words that make a value a key or a secret of another kind (a token, a password, a hash): its clone is a security hazard. */
export const SECRET_WORDS: ReadonlySet<string> = new Set([
  ...KEY_WORDS,
  'keygen',
  'secrets',
  'pepper',
  'token',
  'tokens',
  'password',
  'passphrase',
  'hash',
  'hmac',
  'otp',
  'totp',
  'hotp',
  'csrf',
  'xsrf',
  'signing',
  'private',
  'credential',
  'credentials',
  'cipher',
]);

/** The lower-case words of a name: `ShortUniqueId` → short, unique, id; `gen_salt_sync` → gen, salt, sync. */
export function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}
