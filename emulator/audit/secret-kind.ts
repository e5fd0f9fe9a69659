// Randomness a library drew and init kept: a key, salt, token or secret (SR103) or an ID (SR104)?
// The value decides first (bytes, a binary string, a KeyObject or CryptoKey, a key pair of them:
// SR103, taint.ts); text made of the randomness is what both kinds look like, so what the code
// does with it decides: the words of the name it is kept in and of the call that made it
// (`const salt = bcrypt.genSaltSync()`, `apiToken = randomstring.generate()`,
// `adminHash = hashSync(...)`, `generateSecret()`), an ID's words winning where the name says so
// (`tokenId`). English words of the user's code, not names of libraries.
import type { Judgment } from './judge.js';

/** Words that make a value a key or what keys, salts and secrets are: its clone is a security hazard. */
const SECRET_WORDS = new Set([
  'key',
  'keys',
  'keypair',
  'keygen',
  'secret',
  'secrets',
  'salt',
  'pepper',
  'nonce',
  'iv',
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
/** Words that make it an identifier. */
const ID_WORDS = new Set(['id', 'ids', 'uid', 'uuid', 'guid', 'ulid', 'cuid', 'ksuid', 'nanoid', 'objectid', 'snowflake', 'xid', 'identifier']);

/** The lower-case words of a name: `apiToken` → api, token; `gen_salt_sync` → gen, salt, sync. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

/** Whether text the line keeps, made of randomness a library drew, is a secret rather than an ID. */
export function keptAsSecret(judgment: Judgment | undefined): boolean {
  if (!judgment) return false;
  // A name it is kept in (`apiToken`, `this.salt`), not a destructuring pattern whose other names are other values'.
  const kept = /^[\w$.#]+$/.test(judgment.keptIn ?? '') ? words(judgment.keptIn!) : [];
  if (kept.some((word) => ID_WORDS.has(word))) return false;
  // The callee, as written: `bcrypt.genSaltSync` of `bcrypt.genSaltSync(10)`.
  const callee = words(judgment.call.split('(')[0] ?? '');
  return [...kept, ...callee].some((word) => SECRET_WORDS.has(word));
}
