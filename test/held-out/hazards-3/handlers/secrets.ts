// Secrets from libraries: crypto-random-string 5.0.0 (index.js: node:crypto randomBytes), generate-password 1.7.1
// (src/generate.js: crypto.randomBytes batches), csrf 3.1.0 (index.js: secretSync → uid-safe.sync → randomBytes;
// create() salts with rndm), speakeasy 2.0.0 (generateSecretASCII: crypto.randomBytes, index.js:505; totp() reads
// Date.now() unless given a time, index.js:241).
import cryptoRandomString from 'crypto-random-string';
import generator from 'generate-password';
import Tokens from 'csrf';
import speakeasy from 'speakeasy';
import { registerAfterRestore } from 'snapshot-restore';

export const sessionSecret = cryptoRandomString({ length: 48, type: 'url-safe' }); // expect: SR103 (a secret from randomBytes made at init and kept)
const adminPassword = generator.generate({ length: 24, numbers: true, symbols: true, strict: true }); // expect: SR103 (a password from crypto.randomBytes made at init and kept)
const tokens = new Tokens({ secretLength: 32 }); // expect: none (constructor: options only)
const csrfSecret = tokens.secretSync(); // expect: SR103 (uid-safe.sync → randomBytes: a CSRF secret kept at init)
const totpSeed = speakeasy.generateSecret({ length: 20, name: 'orders' }); // expect: SR103 (generateSecretASCII → crypto.randomBytes: a TOTP seed kept)
const bootCode = speakeasy.totp({ secret: 'JBSWY3DPEHPK3PXP', encoding: 'base32' }); // expect: SR105 (totp() with no time reads Date.now() at init: the code kept is for the snapshot's time step)
const fixedCode = speakeasy.hotp({ secret: 'JBSWY3DPEHPK3PXP', encoding: 'base32', counter: 7 }); // expect: none (HOTP with a given counter: no clock, no randomness)
const codeAt = speakeasy.totp({ secret: 'JBSWY3DPEHPK3PXP', encoding: 'base32', time: 1_700_000_000 }); // expect: none (a given time: no clock read)
const alphabet = cryptoRandomString.length; // expect: none (a property read)

let apiNonce = cryptoRandomString({ length: 16 }); // expect: none (renewed after each restore)
registerAfterRestore(() => {
  apiNonce = cryptoRandomString({ length: 16 });
});

export const handler = async (event: { token?: string }) => {
  const perRequest = tokens.create(csrfSecret); // expect: none (in the handler)
  const ok = event.token ? tokens.verify(csrfSecret, event.token) : false;
  return { perRequest, ok, bootCode, fixedCode, codeAt, apiNonce, s: sessionSecret.length, p: adminPassword.length, t: totpSeed.base32.length, alphabet };
};
