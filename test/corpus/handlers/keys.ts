// Keys generated at init: Node's crypto and jose.
import { createECDH, generateKeyPairSync, generateKeySync } from 'node:crypto';
import { generateKeyPair, generateSecret } from 'jose';
import { registerAfterRestore } from 'snapshot-restore';

export const signing = generateKeyPairSync('ed25519'); // expect: SR103 (node lib/internal/crypto/keygen.js: a fresh key pair from the OS's randomness, the same private key in every restored environment)
export const hmacKey = generateKeySync('hmac', { length: 256 }); // expect: SR103 (keygen.js generateKeySync: random key material)
const ecdh = createECDH('prime256v1'); // expect: none (crypto/diffiehellman.js: createECDH makes an object with no key yet)
export const ecdhPublic = ecdh.generateKeys(); // expect: SR103 (ECDH generateKeys draws the private key)
export const secret = await generateSecret('HS256'); // expect: SR103 (jose/dist/webapi/key/generate_secret.js: crypto.subtle.generateKey / crypto.getRandomValues)
export const pair = await generateKeyPair('ES256'); // expect: SR103 (jose/dist/webapi/key/generate_key_pair.js: crypto.subtle.generateKey)
let sessionKey = generateKeySync('aes', { length: 128 }); // expect: none (renewed after the restore below)
registerAfterRestore(() => {
  sessionKey = generateKeySync('aes', { length: 128 });
});

export const handler = async () => {
  const perRequest = generateKeyPairSync('ed25519'); // expect: none (in the handler)
  return { perRequest, sessionKey };
};
