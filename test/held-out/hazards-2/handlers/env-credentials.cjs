// Keys read from the environment and handed to an AWS SDK client (CommonJS).
const { SecretsManagerClient } = require('@aws-sdk/client-secrets-manager');
const { STSClient } = require('@aws-sdk/client-sts');

const sts = new STSClient({ // expect: none (the client itself is fine)
  credentials: {
    accessKeyId: process.env.AWS_ACCESS_KEY_ID, // expect: SR108 (AWS_ACCESS_KEY_ID is not set under SnapStart: credentials come from the container endpoint)
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY, // expect: SR108 (same, AWS_SECRET_ACCESS_KEY)
    sessionToken: process.env.AWS_SESSION_TOKEN, // expect: SR108 (same, AWS_SESSION_TOKEN)
  },
});
const secrets = new SecretsManagerClient({ region: process.env.AWS_REGION }); // expect: none (default credential chain)
const { AWS_REGION: region = 'us-east-1' } = process.env; // expect: none (the region is set under SnapStart)

exports.handler = async () => {
  const key = process.env.AWS_ACCESS_KEY_ID; // expect: SR108 (read in the handler, but the variable is not set under SnapStart wherever it is read)
  return { region, key: !!key, sts: !!sts, sm: !!secrets };
};
