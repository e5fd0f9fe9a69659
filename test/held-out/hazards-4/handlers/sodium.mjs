// libsodium-wrappers 0.8.4 (dist/modules/libsodium-wrappers.js over libsodium's wasm build): `ready` resolves when
// the module is instantiated; the *_keygen and *_keypair functions call libsodium's randombytes for the key
// (crypto_box_keypair, crypto_secretbox_keygen, crypto_sign_keypair...); randombytes_buf(n) returns n random bytes;
// *_seed_keypair derives from a given seed; crypto_generichash and crypto_pwhash_str_verify draw nothing.
import sodium from 'libsodium-wrappers';
import { registerAfterRestore } from 'snapshot-restore';

await sodium.ready; // expect: none (instantiates the wasm module: no value kept)

const boxKeys = sodium.crypto_box_keypair(); // expect: SR103 (a key pair generated at init and kept: every restored environment has the same private key)
const secretKey = sodium.crypto_secretbox_keygen(); // expect: SR103 (a symmetric key generated at init and kept)
const streamNonce = sodium.randombytes_buf(sodium.crypto_secretbox_NONCEBYTES); // expect: SR103 (a nonce drawn at init and kept: reused by every environment)
const signing = sodium.crypto_sign_keypair(); // expect: SR103 (a signing key pair generated at init and kept)
const fromSeed = sodium.crypto_sign_seed_keypair(sodium.from_hex(process.env.SIGNING_SEED ?? '00'.repeat(32))); // expect: none (derived from a configured seed: the same everywhere by design)
const configDigest = sodium.crypto_generichash(32, 'orders-config-v1'); // expect: none (a hash: no randomness)
const shard = sodium.randombytes_uniform(16); // expect: SR103 (a random draw at init kept as this environment's shard)

let sessionKey = sodium.crypto_aead_xchacha20poly1305_ietf_keygen(); // expect: none (renewed after each restore)
registerAfterRestore(() => {
  sessionKey = sodium.crypto_aead_xchacha20poly1305_ietf_keygen();
});

export const handler = async (event) => {
  const nonce = sodium.randombytes_buf(sodium.crypto_secretbox_NONCEBYTES); // expect: none (in the handler)
  const sealed = sodium.crypto_secretbox_easy(event.body ?? '', nonce, secretKey);
  const boxed = sodium.crypto_box_seal(sealed, boxKeys.publicKey);
  const sig = sodium.crypto_sign_detached(boxed, signing.privateKey);
  return { boxed: sodium.to_hex(boxed), sig: sodium.to_hex(sig), streamNonce: streamNonce.length, seedPk: sodium.to_hex(fromSeed.publicKey), configDigest: configDigest.length, shard, k: sessionKey.length };
};
