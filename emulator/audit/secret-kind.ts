// Randomness a library drew and init kept: a key, salt, token or secret (SR103) or an ID (SR104)?
// The value decides first (bytes, a binary string, a KeyObject or CryptoKey, a key pair of them:
// SR103, taint.ts); text made of the randomness is what both kinds look like, so what the code
// does with it decides: the words of the name it is kept in and of the call that made it
// (`const salt = bcrypt.genSaltSync()`, `apiToken = randomstring.generate()`,
// `adminHash = hashSync(...)`, `generateSecret()`), an ID's words winning where the name says so
// (`tokenId`). English words of the user's code, not names of libraries (name-words.ts, shared
// with the static lint).
import { ID_WORDS, SECRET_WORDS, wordsOf as words } from '../../plugin/core/module/name-words.js';
import type { Judgment } from './judge.js';

/** Whether text the line keeps, made of randomness a library drew, is a secret rather than an ID. */
export function keptAsSecret(judgment: Judgment | undefined): boolean {
  if (!judgment) return false;
  // A name it is kept in (`apiToken`, `this.salt`), not a destructuring pattern whose other names are other values'.
  const kept = /^[\w$.#]+$/.test(judgment.keptIn ?? '') ? words(judgment.keptIn!) : [];
  if (kept.some((word) => ID_WORDS.has(word))) return false;
  // The callee, as written: `bcrypt.genSaltSync` of `bcrypt.genSaltSync(10)`.
  const callee = words(judgment.call.split('(')[0] ?? '');
  if ([...kept, ...callee].some((word) => SECRET_WORDS.has(word))) return true;
  // Then the names around it: a property it is placed under (`{ key: make() }`), the variable a
  // factory that returns it is kept in (`const signingKey = lazy(() => make())`).
  const around = judgment.around.flatMap(words);
  return !around.some((word) => ID_WORDS.has(word)) && around.some((word) => SECRET_WORDS.has(word));
}
