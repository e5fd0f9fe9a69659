// node-forge 1.4, CommonJS: key pairs and random bytes from forge's own PRNG.
const forge = require('node-forge');

const keys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 }); // expect: SR103 (node-forge/lib/rsa.js generateKeyPair(): primes drawn from forge.random at init: the same private key in every restore)
const iv = forge.random.getBytesSync(16); // expect: SR103 (lib/random.js getBytesSync(): random bytes at init, and forge's PRNG state with them)
const md = forge.md.sha256.create(); // expect: none (a hash object, no randomness)
const cert = forge.pki.certificateFromPem(process.env.CERT_PEM); // expect: none (parses a given certificate)

exports.handler = async (event) => {
  const nonce = forge.random.getBytesSync(12); // expect: none (in the handler)
  md.update(event.body);
  return { nonce: forge.util.bytesToHex(nonce), iv: forge.util.bytesToHex(iv), pub: forge.pki.publicKeyToPem(keys.publicKey), digest: md.digest().toHex(), cn: cert.subject.getField('CN') };
};
