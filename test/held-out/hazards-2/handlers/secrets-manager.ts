// @aws-sdk/client-secrets-manager and @aws-sdk/client-sts 3.1178: secrets and role credentials fetched once at init.
import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { STSClient, AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { registerAfterRestore } from 'snapshot-restore';

const sm = new SecretsManagerClient({}); // expect: none (an AWS SDK client: default credential chain, refreshed by the SDK)
const sts = new STSClient({ region: process.env.AWS_REGION ?? 'us-east-1' }); // expect: none (an AWS SDK client)

const dbSecret = await sm.send(new GetSecretValueCommand({ SecretId: process.env.DB_SECRET_ARN ?? 'db' })); // expect: SR108 (GetSecretValue at init: the secret is kept and every restored environment keeps using it after a rotation)
export const dbPassword = JSON.parse(dbSecret.SecretString ?? '{}').password; // expect: none (derived from the value reported above)

const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: process.env.PARTNER_ROLE_ARN ?? 'arn:aws:iam::123456789012:role/partner', RoleSessionName: 'fn' })); // expect: SR108 (AssumeRole credentials resolved at init expire within hours; a snapshot is restored days later)
export const whoami = await sts.send(new GetCallerIdentityCommand({})); // expect: none (an account/ARN description, no credentials; AWS SDK requests at init are not SR107)

let apiKey = await sm.send(new GetSecretValueCommand({ SecretId: 'third-party-api-key' })); // expect: none (renewed after each restore by the hook below)
registerAfterRestore(async () => {
  apiKey = await sm.send(new GetSecretValueCommand({ SecretId: 'third-party-api-key' }));
});

export const handler = async () => {
  const fresh = await sm.send(new GetSecretValueCommand({ SecretId: 'per-request' })); // expect: none (in the handler)
  return { user: dbPassword ? 'set' : 'unset', exp: assumed.Credentials?.Expiration, key: apiKey.SecretString?.length, fresh: fresh.Name, acct: whoami.Account };
};
