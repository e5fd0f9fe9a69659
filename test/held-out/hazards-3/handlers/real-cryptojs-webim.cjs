// Rewritten from ya00la/web-im, project/src/libs/aes.js at 52db15fdfe4fcdddbdcfdb684f51ecee194ca39a.
// Changed: comments translated and shortened; a per-deployment random IV is added at module scope (the shape of the
// project's later "random key" variants), and a Lambda handler encrypts with the module's key.
// crypto-js 4.2.0: SHA256 is a pure hash; AES.encrypt with a passphrase draws an 8-byte salt per call
// (cipher-core.js OpenSSLKdf: WordArray.random(64/8)); lib.WordArray.random draws from the platform crypto.
var CryptoJS = require('crypto-js');
var secret = {};
var key; // the key: any value; changing it makes earlier ciphertexts unreadable
key = CryptoJS.SHA256('Kkaistart').toString(); // expect: none (a hash of a constant: the same everywhere by design)
var iv = CryptoJS.lib.WordArray.random(16); // expect: SR103 (16 random bytes drawn at init and kept as the IV for every message: the same IV in every restored environment)

secret.encrypt = function (data) {
  let ciphertext = CryptoJS.AES.encrypt(data, key); // expect: none (per call: the salt is drawn when encrypt runs, in the handler)
  return ciphertext.toString();
};
secret.encryptWithIv = function (data) {
  return CryptoJS.AES.encrypt(data, CryptoJS.enc.Hex.parse(key.slice(0, 64)), { iv: iv }).toString();
};
secret.decrypt = function (data) {
  let bytes = CryptoJS.AES.decrypt(data, key);
  try {
    return bytes.toString(CryptoJS.enc.Utf8);
  } catch (e) {}
  return '""';
};
module.exports = secret;
module.exports.handler = async (event) => ({ a: secret.encrypt(event.text), b: secret.encryptWithIv(event.text) });
