// @aws-sdk/credential-provider-node 3.972.99: defaultProvider() returns a memoized provider chain without calling it;
// calling it resolves credentials (env, SSO, ini, process, container/instance metadata). @aws-sdk/client-kms
// 3.1178.0: DecryptCommand returns Plaintext, GenerateDataKeyCommand returns Plaintext (the data key) with its
// CiphertextBlob, GetPublicKeyCommand a public key. @aws-sdk/s3-request-presigner 3.1178.0: getSignedUrl() resolves the
// client's credentials and signs a URL with X-Amz-Date, X-Amz-Expires and the credential (and session token).
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { DecryptCommand, GenerateDataKeyCommand, GetPublicKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { registerAfterRestore } from 'snapshot-restore';

const provider = defaultProvider(); // expect: none (a provider made but not called)
const s3 = new S3Client({ region: process.env.AWS_REGION ?? 'eu-west-1', credentials: provider }); // expect: none (the client calls the provider per request)
export const resolved = await provider().catch(() => undefined); // expect: SR108 (credentials resolved once at init and kept: they expire, every restored environment reuses them)
const pinnedS3 = new S3Client({ region: 'eu-west-1', credentials: await defaultProvider()().catch(() => undefined) }); // expect: SR108 (a client pinned to credentials resolved at init)

const kms = new KMSClient({}); // expect: none (the default chain; no request)
const dbPassword = await kms.send(new DecryptCommand({ CiphertextBlob: Buffer.from(process.env.DB_PASSWORD_ENC ?? 'AQID', 'base64'), EncryptionContext: { LambdaFunctionName: process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'orders' } })).catch(() => undefined); // expect: SR108 (a secret decrypted by KMS at init and kept)
const dataKey = await kms.send(new GenerateDataKeyCommand({ KeyId: process.env.CMK_ARN ?? 'alias/orders', KeySpec: 'AES_256' })).catch(() => undefined); // expect: SR108 (a plaintext data key returned by KMS at init and kept: every restored environment encrypts with it)
const verifyKey = await kms.send(new GetPublicKeyCommand({ KeyId: process.env.SIGNING_KEY_ARN ?? 'alias/signing' })).catch(() => undefined); // expect: none (a public key: not a secret)

export const reportUrl = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'reports', Key: 'daily.csv' }), { expiresIn: 3600 }).catch(() => ''); // expect: SR108 (a URL presigned at init with the credentials resolved then: it expires an hour after init)

let apiKey = await kms.send(new DecryptCommand({ CiphertextBlob: Buffer.from(process.env.API_KEY_ENC ?? 'AQID', 'base64') })).catch(() => undefined); // expect: none (decrypted again after each restore)
registerAfterRestore(async () => {
  apiKey = await kms.send(new DecryptCommand({ CiphertextBlob: Buffer.from(process.env.API_KEY_ENC ?? 'AQID', 'base64') }));
});

export const handler = async (event: { key: string }) => {
  const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'reports', Key: event.key }), { expiresIn: 300 }); // expect: none (in the handler)
  const creds = await provider(); // expect: none (in the handler)
  return { url, reportUrl, ok: !!creds, p: !!pinnedS3, d: !!dbPassword?.Plaintext, k: !!dataKey?.Plaintext, v: !!verifyKey?.PublicKey, a: !!apiKey?.Plaintext, r: !!resolved };
};
