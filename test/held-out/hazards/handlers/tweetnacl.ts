// tweetnacl 1.0: key pairs and nonces from nacl.randomBytes (crypto.randomBytes in Node).
import nacl from 'tweetnacl';

export const boxKeys = nacl.box.keyPair(); // expect: SR103 (nacl-fast.js nacl.box.keyPair(): randombytes(sk, 32) at init: the same secret key in every restore)
export const signKeys = nacl.sign.keyPair(); // expect: SR103 (nacl.sign.keyPair(): randombytes for the seed at init)
export const nonce = nacl.randomBytes(nacl.box.nonceLength); // expect: SR103 (nacl.randomBytes(): bytes from crypto.randomBytes at init, reused as a nonce in every restore)
export const fromSeed = nacl.sign.keyPair.fromSeed(new Uint8Array(Buffer.from(process.env.SIGNING_SEED!, 'hex'))); // expect: none (derives keys from a given seed)

export const handler = async (event: { message: string }) => {
  const perRequest = nacl.randomBytes(nacl.box.nonceLength); // expect: none (in the handler)
  const sealed = nacl.box(new TextEncoder().encode(event.message), perRequest, boxKeys.publicKey, boxKeys.secretKey);
  return { sealed: Buffer.from(sealed).toString('base64'), sig: nacl.sign.detached(sealed, signKeys.secretKey), nonce, fromSeed: fromSeed.publicKey };
};
