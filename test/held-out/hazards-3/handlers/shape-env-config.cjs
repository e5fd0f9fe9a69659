// Shape: a config object built from process.env at init. Reading Lambda's environment is not a hazard (it does not change
// between restores), except the three AWS credential variables, which SnapStart does not set (docs/rules/SR108.md).
const { Signer } = require('@aws-sdk/rds-signer');
const { SSMClient } = require('@aws-sdk/client-ssm');

const config = Object.freeze({
  region: process.env.AWS_REGION ?? 'eu-west-1', // expect: none (the region does not change between restores)
  table: process.env.TABLE_NAME ?? 'orders', // expect: none (plain configuration)
  dbHost: process.env.DB_HOST ?? 'db.internal', // expect: none (a host name)
  dbPassword: process.env.DB_PASSWORD ?? '', // expect: none (a function's own variable: set in its configuration and the same after a restore)
  accessKeyId: process.env.AWS_ACCESS_KEY_ID, // expect: SR108 (not set under SnapStart: the container credentials endpoint is used instead)
  secretAccessKey: process.env['AWS_SECRET_ACCESS_KEY'], // expect: SR108 (the same, read with a computed key)
  logLevel: (process.env.LOG_LEVEL ?? 'info').toLowerCase(), // expect: none (plain configuration)
  startedAt: Date.now(), // expect: SR105 (a clock read kept in the frozen config)
  timeoutMs: Number(process.env.TIMEOUT_MS ?? 3000), // expect: none (plain configuration)
});

const { AWS_SESSION_TOKEN: sessionToken, FUNCTION_ROLE = 'orders' } = process.env; // expect: SR108 (destructuring AWS_SESSION_TOKEN from the environment: unset under SnapStart)

const ssm = new SSMClient({ region: config.region }); // expect: none (default provider chain)
const staticSsm = new SSMClient({ region: config.region, credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } }); // expect: none (the variables were read on the lines above, where they are reported)
const signer = new Signer({ hostname: config.dbHost, port: 5432, username: 'app', region: config.region }); // expect: none (no request)

exports.handler = async () => {
  const token = await signer.getAuthToken(); // expect: none (in the handler)
  return { t: token.length, s: !!sessionToken, role: FUNCTION_ROLE, c: !!ssm, st: !!staticSsm, up: Date.now() - config.startedAt };
};
