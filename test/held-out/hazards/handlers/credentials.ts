// Credentials at init: @aws-sdk/credential-providers, env-var, and the variables read directly.
import { SQSClient } from '@aws-sdk/client-sqs';
import { fromEnv, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import env from 'env-var';

export const viaChain = new SQSClient({ credentials: fromNodeProviderChain() }); // expect: none (@aws-sdk/credential-providers fromNodeProviderChain(): the default chain, which reads the container credentials endpoint under SnapStart)
export const plain = new SQSClient({ region: process.env.AWS_REGION }); // expect: none (the SDK's default chain; AWS_REGION is set under SnapStart)
export const accessKeyId = env.get('AWS_ACCESS_KEY_ID').required().asString(); // expect: SR108 (env-var: get(name) reads process.env[name]; AWS_ACCESS_KEY_ID is unset under SnapStart, and required() throws at init)
const { AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, QUEUE_URL } = process.env; // expect: SR108 (destructures the static key variables from process.env)
export const manual = new SQSClient({ credentials: { accessKeyId, secretAccessKey: AWS_SECRET_ACCESS_KEY!, sessionToken: AWS_SESSION_TOKEN } });
export const token = process.env['AWS_SESSION_TOKEN']; // expect: SR108 (a computed-member read of the session token variable)
export const region = env.get('AWS_REGION').default('eu-west-1').asString(); // expect: none (AWS_REGION is set under SnapStart; not a credential)

export const handler = async () => {
  const fromVars = new SQSClient({ credentials: fromEnv() }); // expect: SR108 (@aws-sdk/credential-provider-env fromEnv.js: reads process.env.AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, which SnapStart leaves unset, wherever it runs)
  return { viaChain: !!viaChain, plain: !!plain, manual: !!manual, fromVars: !!fromVars, token, region, queue: QUEUE_URL };
};
