// Key and secret generation: node-rsa 2.0, elliptic 6.6, @noble/curves 2.4, bcryptjs 3.0, otplib 13.6, randomstring 1.3.
import NodeRSA from 'node-rsa';
import elliptic from 'elliptic';
import { ed25519 } from '@noble/curves/ed25519.js';
import bcrypt from 'bcryptjs';
import { generateSecret } from 'otplib';
import randomstring from 'randomstring';
import { registerAfterRestore } from 'snapshot-restore';

const rsa = new NodeRSA({ b: 1024 }); // expect: SR103 (dist/index.node.js constructor: an object key calls this.generateKeyPair(gen.b, gen.e) → keygenFor (Node's crypto key generation): a private key made at init and kept)
const imported = new NodeRSA(); // expect: none (dist/index.node.js constructor: no key argument, an empty RSAKey; a PEM is imported in the handler)

const ec = new elliptic.ec('secp256k1'); // expect: none (curve parameters only)
const signer = ec.genKeyPair(); // expect: SR103 (lib/elliptic/ec/index.js genKeyPair(): HmacDRBG seeded from brorand (crypto.randomBytes): a private key made at init)
const verifier = ec.keyFromPublic('04' + 'ab'.repeat(64), 'hex'); // expect: none (a given public key)

const edSecret = ed25519.utils.randomSecretKey(); // expect: SR103 (@noble/curves: randomSecretKey() draws from crypto.getRandomValues: a private key kept)
const edKeys = ed25519.keygen(); // expect: SR103 (keygen(): a random secret key and its public key)

const salt = bcrypt.genSaltSync(10); // expect: SR103 (dist bcrypt genSaltSync(): random salt bytes from crypto.randomBytes, kept)
const adminHash = bcrypt.hashSync(process.env.ADMIN_PASSWORD ?? 'local-only', 10); // expect: SR103 (hashSync(s, rounds) makes its salt with genSaltSync: a random salt baked into the kept hash)
const knownHash = bcrypt.hashSync('x', '$2b$10$abcdefghijklmnopqrstuu'); // expect: none (a given salt: deterministic)

const totpSecret = generateSecret(); // expect: SR103 (@otplib/core generateSecret(): random bytes from the crypto plugin, base32-encoded: a shared secret kept at init)
let csrfKey = randomstring.generate(32); // expect: none (renewed after each restore below)
registerAfterRestore(() => {
  csrfKey = randomstring.generate(32);
});
const apiToken = randomstring.generate({ length: 40, charset: 'alphanumeric' }); // expect: SR103 (lib/randomstring.js: randombytes (crypto) drawn for a token that is kept)

export const handler = async (event) => {
  const nonce = randomstring.generate(16); // expect: none (in the handler)
  const perRequestSalt = await bcrypt.genSalt(10); // expect: none (in the handler)
  return {
    pub: rsa.exportKey('public'),
    imported: process.env.RSA_PEM ? imported.importKey(process.env.RSA_PEM).isPrivate() : imported.isEmpty(),
    sig: signer.sign('ab').toDER('hex'),
    ok: verifier.validate().result,
    ed: edSecret.length + edKeys.publicKey.length,
    salt,
    adminHash,
    knownHash,
    totpSecret,
    csrfKey,
    apiToken,
    nonce,
    perRequestSalt,
    event,
  };
};
