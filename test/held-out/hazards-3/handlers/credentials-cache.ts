// Credentials and secrets resolved at init and kept, through the SDK and through the project's own helpers.
// @aws-sdk/client-ssm 3.1178.0: client.config.credentials is the resolved provider chain; GetParameter with
// WithDecryption returns the plaintext SecureString. ofetch 1.5.1 requests through the global fetch.
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { ofetch } from 'ofetch';
import { registerAfterRestore } from 'snapshot-restore';

const ssm = new SSMClient({ region: process.env.AWS_REGION ?? 'eu-west-1' }); // expect: none (default provider chain)
export const resolved = await ssm.config.credentials().catch(() => undefined); // expect: SR108 (the client's credentials resolved once at init and kept: they expire long before the last restore)
const { Parameter } = (await ssm.send(new GetParameterCommand({ Name: '/payments/prod/db-password', WithDecryption: true })).catch(() => ({}))) as any; // expect: SR108 (a decrypted secret returned by the SDK at init, kept through the destructuring)

async function fetchApiToken() {
  const res = await ofetch('https://auth.internal/oauth/token', { method: 'POST', body: { grant_type: 'client_credentials' } }).catch(() => ({ access_token: '' })); // expect: SR107 (fetchApiToken() is awaited at init: the request leaves a keep-alive socket in the global dispatcher)
  return res.access_token as string;
}
export const apiToken = await fetchApiToken(); // expect: SR108 (a function named for fetching a token, awaited at init and its result kept)

async function getPartnerSecret() {
  return ssm.send(new GetParameterCommand({ Name: '/payments/prod/partner-secret', WithDecryption: true })).then((r) => r.Parameter?.Value).catch(() => undefined); // expect: none (the SDK request itself is not a socket hazard; the secret is reported where init keeps it)
}
let partnerSecret = await getPartnerSecret(); // expect: none (renewed after each restore)
registerAfterRestore(async () => {
  partnerSecret = await getPartnerSecret();
});

const provider = ssm.config.credentials; // expect: none (the provider itself, not what it resolves: the SDK calls it per request)

export const handler = async () => {
  const fresh = await getPartnerSecret(); // expect: none (in the handler)
  return { a: !!resolved, p: !!Parameter?.Value, t: apiToken.length, s: !!partnerSecret, f: !!fresh, pr: typeof provider };
};
