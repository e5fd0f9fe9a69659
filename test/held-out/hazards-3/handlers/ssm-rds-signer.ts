// @aws-sdk/client-ssm and @aws-sdk/rds-signer 3.1178.0: constructing a client or a Signer sends nothing; ssm.send()
// returns the parameter; Signer.getAuthToken() presigns an RDS IAM token valid for 15 minutes (dist-cjs/index.js:
// expiresIn 900) with the credentials it resolves.
import { GetParameterCommand, GetParametersByPathCommand, SSMClient } from '@aws-sdk/client-ssm';
import { Signer } from '@aws-sdk/rds-signer';
import { registerAfterRestore } from 'snapshot-restore';

const ssm = new SSMClient({}); // expect: none (the SDK's default provider chain; no request)
const secret = await ssm.send(new GetParameterCommand({ Name: '/billing/stripe-key', WithDecryption: true })).catch(() => undefined); // expect: SR108 (a decrypted secret returned by the SDK at init and kept)
export const stripeKey = secret?.Parameter?.Value; // expect: none (reads the value already counted on the line above)

const signer = new Signer({ hostname: process.env.DB_HOST ?? 'db.cluster.internal', port: 5432, username: 'app', region: process.env.AWS_REGION ?? 'eu-west-1' }); // expect: none (a signer: no request, no credentials resolved yet)
const dbToken = await signer.getAuthToken().catch(() => ''); // expect: SR108 (an IAM auth token made from credentials resolved once at init and kept: it expires after 15 minutes)

const publicConfig = await ssm.send(new GetParametersByPathCommand({ Path: '/billing/public/' })).catch(() => undefined); // expect: none (plain configuration, not a secret)

let renewedToken = await signer.getAuthToken().catch(() => ''); // expect: none (renewed after each restore)
registerAfterRestore(async () => {
  renewedToken = await signer.getAuthToken();
});

export const handler = async () => {
  const fresh = await signer.getAuthToken(); // expect: none (in the handler)
  return { fresh: fresh.length, dbToken: dbToken.length, renewedToken: renewedToken.length, n: publicConfig?.Parameters?.length ?? 0, k: !!stripeKey };
};
