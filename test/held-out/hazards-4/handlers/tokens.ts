// otpauth 9.5.2 (dist/otpauth.node.cjs): HOTP/TOTP constructors default `secret = new Secret()` (line 542), and
// Secret's constructor draws `randomBytes(size = 20)` (line 265) when no buffer is given; Secret.fromBase32 decodes a
// given secret; totp.generate() defaults `timestamp = Date.now()` (line 671). njwt 2.0.1 (index.js): new Jwt() sets
// jti = uuid.v4() and iat = nowEpochSeconds() unless the claims carry them (lines 150-160), and create() always sets
// exp one hour from now (line 501); createVerifier() holds configuration only.
import * as OTPAuth from 'otpauth';
import nJwt from 'njwt';
import { randomBytes } from 'node:crypto';
import { registerAfterRestore } from 'snapshot-restore';

const totp = new OTPAuth.TOTP({ issuer: 'ACME', label: 'ops', secret: OTPAuth.Secret.fromBase32(process.env.OPS_TOTP_SECRET ?? 'JBSWY3DPEHPK3PXP') }); // expect: none (a configured secret: nothing drawn)
const enrolment = new OTPAuth.TOTP({ issuer: 'ACME', label: 'new-device' }); // expect: SR103 (no secret given: the constructor draws a 20-byte Secret at init, kept)
const recovery = new OTPAuth.Secret({ size: 32 }); // expect: SR103 (random secret bytes drawn at init and kept)
const bootCode = totp.generate(); // expect: SR105 (a TOTP computed from init's clock and kept: stale after the restore)
const hotpCode = new OTPAuth.HOTP({ secret: totp.secret }).generate({ counter: 42 }); // expect: none (a counter-based code: no clock, no draw)
const provisioningUri = totp.toString(); // expect: none (a URI of the configured secret)

const signingKey = randomBytes(32); // expect: SR103 (a signing key drawn at init and kept)
const serviceJwt = nJwt.create({ iss: 'orders', sub: 'svc:orders', scope: 'internal' }, signingKey).compact(); // expect: SR104 SR105 (njwt sets jti = uuid v4, iat now and exp in one hour at init: the token is kept)
const pinnedJwt = nJwt.create({ iss: 'orders', sub: 'svc:cron', jti: 'cron-static', iat: 1_700_000_000 }, process.env.CRON_JWT_KEY ?? 'dev').compact(); // expect: SR105 (jti and iat given, but create() still sets exp one hour from init)
const verifier = nJwt.createVerifier().setSigningKey(signingKey); // expect: none (configuration only)

let partnerJwt = nJwt.create({ iss: 'orders', sub: 'partner' }, process.env.PARTNER_KEY ?? 'dev').compact(); // expect: none (renewed after each restore)
registerAfterRestore(() => {
  partnerJwt = nJwt.create({ iss: 'orders', sub: 'partner' }, process.env.PARTNER_KEY ?? 'dev').compact();
});

export const handler = async (event: { token: string; code: string }) => {
  const delta = totp.validate({ token: event.code, window: 1 }); // expect: none (in the handler)
  const claims = verifier.verify(event.token);
  const perRequest = nJwt.create({ iss: 'orders', sub: 'req' }, signingKey).compact(); // expect: none (in the handler)
  return { delta, claims: !!claims, perRequest, serviceJwt, pinnedJwt, partnerJwt, bootCode, hotpCode, provisioningUri, enrolment: enrolment.toString(), recovery: recovery.base32.length };
};
