// dotenv 18.0.10 (dist/index.cjs configDotenv): config() reads the .env file with readFileSync and populates
// process.env; parse() parses a string: no clock, no socket. The project's own helpers: getSecret() decrypts with
// KMS (@aws-sdk/client-kms DecryptCommand returns Plaintext), fetchApiToken() posts to an OAuth token endpoint
// through the global fetch (undici's keep-alive pool). As in set 3, a secret fetched through a helper named for
// fetching it is expected on the caller's line that keeps it; the helper's own request is a socket matter.
const dotenv = require('dotenv');
const { KMSClient, DecryptCommand } = require('@aws-sdk/client-kms');
const { registerAfterRestore, registerBeforeSnapshot } = require('snapshot-restore');

dotenv.config({ path: process.env.DOTENV_PATH || '/var/task/.env', quiet: true }); // expect: none (reads a local file into process.env)
const defaults = dotenv.parse('FEATURE_CHECKOUT=on\nPAGE_SIZE=50'); // expect: none (parses a string)
const { AWS_REGION = 'eu-west-1', AWS_LAMBDA_FUNCTION_NAME = 'orders' } = process.env; // expect: none (function settings, set under SnapStart)
const staticSecret = process.env.AWS_SECRET_ACCESS_KEY; // expect: SR108 (unset under SnapStart, even with dotenv loaded first)

const kms = new KMSClient({ region: AWS_REGION });
async function getSecret(name) {
  const out = await kms.send(new DecryptCommand({ CiphertextBlob: Buffer.from(process.env[`${name.toUpperCase()}_ENC`] || 'AQID', 'base64'), EncryptionContext: { LambdaFunctionName: AWS_LAMBDA_FUNCTION_NAME } })); // expect: none (the helper's result is reported where the caller keeps it)
  return Buffer.from(out.Plaintext).toString('utf8');
}

async function fetchApiToken() {
  const res = await fetch(process.env.TOKEN_URL || 'http://auth.internal/oauth/token', { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials' }) }); // expect: SR107 (called at init below: a request through the global fetch leaves its keep-alive socket pooled)
  return (await res.json()).access_token;
}

let dbPassword = getSecret('db').catch(() => undefined); // expect: SR108 (a secret fetched at init through getSecret and kept)
const apiToken = fetchApiToken().catch(() => undefined); // expect: SR108 (an API token fetched at init and kept)

const refresher = setInterval(() => { // expect: SR106 (a refresh interval armed at init, never cleared)
  dbPassword = getSecret('db');
}, 15 * 60_000);
const warmup = setTimeout(() => console.log('warm'), 5_000).unref(); // expect: SR106 (unref'd, but still armed at the snapshot)

let signingKey = getSecret('signing').catch(() => undefined); // expect: none (fetched again after each restore)
let rotation = setInterval(() => { signingKey = getSecret('signing'); }, 60 * 60_000); // expect: none (cleared before the snapshot and armed again after the restore)
registerBeforeSnapshot(() => clearInterval(rotation));
registerAfterRestore(() => {
  signingKey = getSecret('signing');
  rotation = setInterval(() => { signingKey = getSecret('signing'); }, 60 * 60_000);
});

module.exports.handler = async () => {
  const perCall = await getSecret('webhook'); // expect: none (in the handler)
  return { db: !!(await dbPassword), api: !!(await apiToken), sk: !!(await signingKey), perCall: !!perCall, defaults, s: !!staticSecret, r: !!refresher, w: !!warmup };
};
