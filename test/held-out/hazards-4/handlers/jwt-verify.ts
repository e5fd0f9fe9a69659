// aws-jwt-verify 5.2.1: CognitoJwtVerifier.create() / JwtRsaVerifier.create() only store configuration and a JWKS cache;
// hydrate() (dist/cjs/jwt-verifier.js:229) fetches the JWKS through SimpleFetcher → https-node.js fetch, i.e.
// https.request with no agent of its own (Node's global keep-alive agent). The JWKS is public keys, not a secret.
// jwks-rsa 4.1.0: jwksClient() wraps the fetcher in caching and rate limiting (no I/O); getSigningKey() → getKeys() →
// src/wrappers/request.js, http(s).request with the agent given in options or Node's global agent; the rate limiter
// (limiter's RateLimiter) only keeps performance.now() to refill tokens.
import { CognitoJwtVerifier, JwtRsaVerifier } from 'aws-jwt-verify';
import jwksClient from 'jwks-rsa';
import https from 'node:https';
import { registerBeforeSnapshot } from 'snapshot-restore';

const userPoolId = process.env.USER_POOL_ID ?? 'eu-west-1_Example';
const accessVerifier = CognitoJwtVerifier.create({ userPoolId, tokenUse: 'access', clientId: process.env.CLIENT_ID ?? 'client' }); // expect: none (configuration: no request)
await accessVerifier.hydrate().catch(() => undefined); // expect: SR107 (the JWKS is fetched at init through Node's global keep-alive agent: the socket stays pooled)

const partnerVerifier = JwtRsaVerifier.create({ issuer: 'https://auth.partner.test', audience: 'orders', jwksUri: process.env.PARTNER_JWKS ?? 'https://auth.partner.test/.well-known/jwks.json' }); // expect: none (configuration)

const jwks = jwksClient({ jwksUri: process.env.AUTH0_JWKS ?? 'https://tenant.auth0.test/.well-known/jwks.json', cache: true, rateLimit: true, jwksRequestsPerMinute: 10 }); // expect: none (wrappers: no request)
const primaryKey = await jwks.getSigningKey(process.env.AUTH0_KID ?? 'kid-1').catch(() => undefined); // expect: SR107 (a JWKS request at init through Node's global keep-alive agent)

const jwksAgent = new https.Agent({ keepAlive: true });
const internal = jwksClient({ jwksUri: process.env.INTERNAL_JWKS ?? 'https://sso.internal/jwks.json', requestAgent: jwksAgent });
await internal.getSigningKeys().catch(() => []); // expect: none (its own agent is destroyed before the snapshot)
registerBeforeSnapshot(() => jwksAgent.destroy());

export const handler = async (event: { token: string; kid: string }) => {
  const claims = await accessVerifier.verify(event.token); // expect: none (in the handler)
  const partner = await partnerVerifier.verify(event.token).catch(() => null); // expect: none (in the handler: its JWKS is fetched now)
  const key = await jwks.getSigningKey(event.kid); // expect: none (in the handler)
  return { sub: claims.sub, partner: !!partner, key: key.getPublicKey().length, primary: !!primaryKey };
};
