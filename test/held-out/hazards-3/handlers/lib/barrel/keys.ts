// Part of the barrel: a key made at module scope, and a factory that only runs when called.
import cryptoRandomString from 'crypto-random-string';
import CryptoJS from 'crypto-js';

export const apiNonce = cryptoRandomString({ length: 24, type: 'hex' }); // expect: SR103 (module scope of a module loaded at init through the barrel: random bytes kept)
export const staticKey = CryptoJS.SHA256('orders-static-key').toString(); // expect: none (a hash of a constant)

export function makeToken() {
  return cryptoRandomString({ length: 32 }); // expect: none (only called from the handler)
}
