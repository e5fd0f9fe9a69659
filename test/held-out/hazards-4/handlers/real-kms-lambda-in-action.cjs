// Rewritten from scottslowe/learning-tools, aws/AWS_Lambda_in_Action/Chapter16/encryptedConfig.js @
// d482b1f2646b1de7aa78b77861cd5c0532743252. Changed: aws-sdk v2's `new AWS.KMS()` + callback kms.decrypt → v3's
// KMSClient + DecryptCommand with async/await; `new Buffer(...)` → Buffer.from; the '<ENCRYPED_CONFIG>' placeholder →
// an environment variable; the typo `functionConfig` (undefined in the original) → fnConfig; the stray `#K` marker
// removed. As in the original, the configuration is decrypted lazily on the first invoke and cached in a module
// variable. A module-level warm-up variant was added below the original (marked).
const { KMSClient, DecryptCommand } = require('@aws-sdk/client-kms');

const kms = new KMSClient({}); // expect: none (the default provider chain; no request)

const fnEncryptedConfig = process.env.ENCRYPTED_CONFIG || 'AQICAHh0ZXN0';
let fnConfig;

const processEvent = function (event) {
  console.log('user: ' + fnConfig.user);
  console.log('password: ' + (fnConfig.password ? '***' : ''));
  console.log('event: ' + JSON.stringify(event));
  return { user: fnConfig.user };
};

// Added: the same decrypt done once at init for a second configuration (the pattern the chapter's text warns about).
let warmConfig;
kms.send(new DecryptCommand({ CiphertextBlob: Buffer.from(process.env.ENCRYPTED_WARM_CONFIG || 'AQICAHh3YXJt', 'base64') })) // expect: SR108 (a secret configuration decrypted at init and kept in warmConfig)
  .then((data) => { warmConfig = JSON.parse(Buffer.from(data.Plaintext).toString('ascii')); })
  .catch(() => {});

exports.handler = async (event) => {
  if (!fnConfig) {
    const encryptedBuf = Buffer.from(fnEncryptedConfig, 'base64');
    const data = await kms.send(new DecryptCommand({ CiphertextBlob: encryptedBuf })); // expect: none (decrypted on the first invoke, after the restore)
    fnConfig = JSON.parse(Buffer.from(data.Plaintext).toString('ascii'));
  }
  return { ...processEvent(event), warm: !!warmConfig };
};
