// Rewritten from granchetti/sendeo, src/backend/src/shared/auth/verify-jwt.ts @
// add807918dfc74cd00fd66783bc7cfe29cb312a0. Changed: an API Gateway handler that calls verifyJwt() was added (the
// original exports only the helper); the non-null assertions were replaced by defaults. aws-jwt-verify 5.2.1:
// CognitoJwtVerifier.create() stores configuration and an empty JWKS cache (dist/cjs/cognito-verifier.js); the JWKS is
// fetched on the first verify(), in the handler.
import { CognitoJwtVerifier } from 'aws-jwt-verify';

const verifier = CognitoJwtVerifier.create({ // expect: none (configuration only: no request, nothing drawn)
  userPoolId: process.env.COGNITO_USER_POOL_ID ?? 'eu-west-1_Example',
  tokenUse: 'id',
  clientId: process.env.COGNITO_CLIENT_ID ?? 'client',
});

export async function verifyJwt(token: string) {
  return verifier.verify(token); // expect: none (called from the handler)
}

export const handler = async (event: { headers: { authorization?: string } }) => {
  try {
    const payload = await verifyJwt(event.headers.authorization ?? '');
    return { statusCode: 200, body: JSON.stringify({ sub: payload.sub }) };
  } catch {
    return { statusCode: 401, body: 'unauthorized' };
  }
};
