// @aws-lambda-powertools/parameters 2.35.0 (ssm): getParameter() sends GetParameter through a default SSMProvider
// (lib/esm/ssm/SSMProvider.js) and caches the value for maxAge (5 s by default) in the provider's store; a value
// awaited at init and kept in a module variable outlives that cache. A SecureString with decrypt: true is a secret.
import { getParameter, getParameters, SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { registerAfterRestore } from 'snapshot-restore';

export const dbPassword = await getParameter('/orders/prod/db-password', { decrypt: true }).catch(() => undefined); // expect: SR108 (a SecureString secret resolved once at init and kept: rotations never reach restored environments)
const tableName = await getParameter('/orders/prod/table-name').catch(() => 'orders'); // expect: none (a plain configuration value, not a credential or secret; Lambda config does not rotate between restores)

const provider = new SSMProvider({ clientConfig: { region: process.env.AWS_REGION ?? 'eu-west-1' } }); // expect: none (a provider: no request)
export const apiKeys = await provider.getMultiple('/orders/prod/api-keys/', { decrypt: true, recursive: true }).catch(() => ({})); // expect: SR108 (decrypted secrets under a path, fetched once at init and kept)

let signingKey: string | undefined = await getParameter('/orders/prod/signing-key', { decrypt: true }).catch(() => undefined); // expect: none (renewed after each restore by the hook below)
registerAfterRestore(async () => {
  signingKey = await getParameter('/orders/prod/signing-key', { decrypt: true, forceFetch: true });
});

export const handler = async () => {
  const token = await getParameter('/orders/prod/webhook-token', { decrypt: true, maxAge: 300 }); // expect: none (in the handler, through the expiring cache)
  const many = await getParameters('/orders/prod/public/'); // expect: none (in the handler)
  return { t: !!token, k: !!signingKey, p: !!dbPassword, tableName, many: !!many, keys: Object.keys(apiKeys ?? {}).length };
};
