// node-jose 2.2.0: JWK.createKeyStore() is an empty store; keystore.generate(kty, size) draws the key (lib/jwk/
// keystore.js generate → the kty's generate, e.g. lib/jwk/octkey.js random bytes, lib/jwk/eckey.js ecdh key pair);
// JWK.asKey(jwk) imports a given key. jsrsasign 11.1.5 (lib/jsrsasign.js): KEYUTIL.generateKeypair draws through
// SecureRandom, whose Arcfour state is seeded from rng_pool on the first draw (rng_get_byte) and then kept, so the
// first draw at init puts the generator state in the snapshot; KJUR.jws.IntDate.get('now') is the current time in
// seconds; KJUR.jws.JWS.sign with a given header and payload is deterministic for HS256.
const jose = require('node-jose');
const { KEYUTIL, KJUR } = require('jsrsasign');
const { registerAfterRestore } = require('snapshot-restore');

const keystore = jose.JWK.createKeyStore(); // expect: none (an empty key store)
const ready = Promise.all([
  keystore.generate('oct', 256, { alg: 'HS256', use: 'sig' }), // expect: SR103 (a symmetric JWK drawn at init and kept in the store)
  keystore.generate('EC', 'P-256', { alg: 'ECDH-ES', use: 'enc' }), // expect: SR103 (an EC key pair generated at init and kept)
  jose.JWK.asKey({ kty: 'oct', k: process.env.SHARED_JWK ?? 'c2VjcmV0LXNoYXJlZC1rZXktMzItYnl0ZXMtbG9uZw', kid: 'shared' }), // expect: none (an imported, configured key)
]);

const ecPair = KEYUTIL.generateKeypair('EC', 'secp256r1'); // expect: SR103 (a key pair generated at init and kept)
const issuedAt = KJUR.jws.IntDate.get('now'); // expect: SR105 (the current time in seconds, read at init and kept as `iat` below)
const serviceToken = KJUR.jws.JWS.sign('HS256', { alg: 'HS256', typ: 'JWT' }, { sub: 'orders', iat: issuedAt }, { utf8: process.env.JWT_SECRET ?? 'dev' }); // expect: none (deterministic: signs the values of the lines above)
const expiresAt = KJUR.jws.IntDate.get('now + 1hour'); // expect: SR105 (an expiry computed from init's clock and kept)
const fixedEpoch = KJUR.jws.IntDate.get('20240101000000Z'); // expect: none (a given date)

let rotatingKey = KEYUTIL.generateKeypair('EC', 'secp256r1'); // expect: none (renewed after each restore; jsrsasign's generator state was already set up by the earlier draw)
registerAfterRestore(() => {
  rotatingKey = KEYUTIL.generateKeypair('EC', 'secp256r1');
});

module.exports.handler = async (event) => {
  await ready;
  const jwe = await jose.JWE.createEncrypt({ format: 'compact' }, keystore.all({ kty: 'EC' })[0]).update(JSON.stringify(event)).final();
  const now = KJUR.jws.IntDate.get('now'); // expect: none (in the handler)
  const sig = new KJUR.crypto.Signature({ alg: 'SHA256withECDSA' });
  sig.init(ecPair.prvKeyObj);
  sig.updateString(jwe);
  return { jwe, now, sig: sig.sign(), serviceToken, expiresAt, fixedEpoch, r: !!rotatingKey };
};
