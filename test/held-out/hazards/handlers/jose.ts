// jose 6: key generation and a signed token at init; key import and a remote JWKS are inert.
import { generateKeyPair, generateSecret, SignJWT, importSPKI, createRemoteJWKSet, jwtVerify } from 'jose';
import { registerAfterRestore } from 'snapshot-restore';

export const { publicKey, privateKey } = await generateKeyPair('ES256'); // expect: SR103 (jose/dist/webapi/key/generate_key_pair.js → crypto.subtle.generateKey: the same private key, made from random bytes at init, in every restore)
export const secret = await generateSecret('HS256'); // expect: SR103 (jose/dist/webapi/key/generate_secret.js: crypto.getRandomValues / subtle.generateKey for the secret at init)
export const serviceToken = await new SignJWT({ scope: 'internal' }).setProtectedHeader({ alg: 'ES256' }).setIssuedAt().setExpirationTime('2h').sign(privateKey); // expect: SR105 (jose/dist/webapi/jwt/sign.js: setIssuedAt() and setExpirationTime('2h') read the clock at init: the token is issued at init and expires 2 h after it)
export const verifyKey = await importSPKI(process.env.PUBLIC_KEY_PEM!, 'ES256'); // expect: none (imports a given key)
const JWKS = createRemoteJWKSet(new URL('https://auth.example.com/.well-known/jwks.json')); // expect: none (jose/dist/webapi/jwks/remote.js: the constructor stores the URL; the JWKS is fetched on the first verify)

let nonceKey = await generateSecret('HS256'); // expect: none (renewed after each restore below)
registerAfterRestore(async () => {
  nonceKey = await generateSecret('HS256');
});

export const handler = async (event: { token: string }) => {
  const { payload } = await jwtVerify(event.token, JWKS); // expect: none (in the handler)
  const reply = await new SignJWT({ sub: payload.sub }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('5m').sign(secret); // expect: none (in the handler)
  return { reply, serviceToken, verifyKey, publicKey, nonceKey };
};
