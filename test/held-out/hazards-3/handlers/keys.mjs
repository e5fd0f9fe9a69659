// Keys: paseto 4.0.1 (GenerateKeyPair / GenerateKey factories → crypto.subtle.generateKey, _internal/crypto.js:462,868,904),
// selfsigned 5.5.0 (generate(): crypto.subtle.generateKey for the pair and getRandomValues for the serial,
// index.js:281; notBefore = options.notBeforeDate || new Date(), index.js:285), @noble/hashes 2.4.0 (utils.js
// randomBytes: crypto.getRandomValues), crypto-js 4.2.0 (lib.WordArray.random: crypto.randomBytes / getRandomValues).
import { LocalProtocol, PublicProtocol } from 'paseto';
import { GenerateKeyPairFactory, SignFactory, VerifyFactory } from 'paseto/v4/public';
import { DecryptFactory, EncryptFactory, GenerateKeyFactory } from 'paseto/v3/local';
import selfsigned from 'selfsigned';
import { randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { sha256 } from '@noble/hashes/sha2.js';
import CryptoJS from 'crypto-js';
import { registerAfterRestore } from 'snapshot-restore';

const v4 = new PublicProtocol(GenerateKeyPairFactory, SignFactory, VerifyFactory); // expect: none (composes factories: no key yet)
export const { publicKey, secretKey } = await v4.GenerateKeyPair(); // expect: SR103 (an Ed25519 key pair generated at init and kept)
const v3 = new LocalProtocol(GenerateKeyFactory, EncryptFactory, DecryptFactory); // expect: none (composition only)
const localKey = await v3.GenerateKey(); // expect: SR103 (a symmetric key generated at init and kept)

const cert = await selfsigned.generate([{ name: 'commonName', value: 'orders.internal' }], { keySize: 2048, days: 30, notBeforeDate: new Date('2026-01-01T00:00:00Z') }); // expect: SR103 (a private key and a random serial made at init and kept; notBeforeDate is given, so no clock read)

const pepper = randomBytes(32); // expect: SR103 (@noble/hashes randomBytes → crypto.getRandomValues at init, kept)
const fingerprint = sha256(utf8ToBytes('orders-v1')); // expect: none (a hash of a constant)
const iv = CryptoJS.lib.WordArray.random(16); // expect: SR103 (crypto-js draws 16 random bytes at init and keeps them as an IV)
const derived = CryptoJS.PBKDF2('static passphrase', 'fixed-salt', { keySize: 8, iterations: 1000 }); // expect: none (PBKDF2 of constants: deterministic)
const digest = CryptoJS.SHA256('orders').toString(); // expect: none (a hash)

let sessionSalt = CryptoJS.lib.WordArray.random(16); // expect: none (renewed after each restore)
registerAfterRestore(() => {
  sessionSalt = CryptoJS.lib.WordArray.random(16);
});

export const handler = async (event) => {
  const token = await v4.Sign(secretKey, { sub: String(event.sub) });
  const nonce = randomBytes(12); // expect: none (in the handler)
  const enc = CryptoJS.AES.encrypt(JSON.stringify(event), derived, { iv: CryptoJS.lib.WordArray.random(16) }).toString(); // expect: none (in the handler)
  return { token, nonce: nonce.length, enc, digest, fp: fingerprint.length, iv: iv.sigBytes, salt: sessionSalt.sigBytes, cert: cert.cert.length, publicKey: !!publicKey, localKey: !!localKey };
};
