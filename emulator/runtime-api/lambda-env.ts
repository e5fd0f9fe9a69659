import { randomBytes } from 'node:crypto';
import type { ContainerCredentials } from './credentials.js';
import { CREDENTIALS_PATH } from './routes.js';

export interface LambdaEnvConfig {
  address: string;
  snapStart: boolean;
  functionName: string;
  functionVersion: string;
  memorySizeMb: number;
  region: string;
  logStreamName: string;
  authorizationToken: string;
  /** Static keys for on-demand mode; SnapStart environments never get them. */
  staticCredentials: ContainerCredentials;
  handler?: string;
  taskRoot?: string;
}

/** The environment variables Lambda gives a runtime process, pointed at the emulator. */
export function lambdaEnvironment(config: LambdaEnvConfig): Record<string, string> {
  const env: Record<string, string> = {
    AWS_LAMBDA_RUNTIME_API: config.address,
    AWS_LAMBDA_INITIALIZATION_TYPE: config.snapStart ? 'snap-start' : 'on-demand',
    AWS_LAMBDA_FUNCTION_NAME: config.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: config.functionVersion,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(config.memorySizeMb),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${config.functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: config.logStreamName,
    AWS_REGION: config.region,
    AWS_DEFAULT_REGION: config.region,
    AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://${config.address}${CREDENTIALS_PATH}`,
    AWS_CONTAINER_AUTHORIZATION_TOKEN: config.authorizationToken,
  };
  // Under SnapStart keys in the environment would be cloned into every restore and expire,
  // so Lambda leaves them out and SDKs fall back to the credentials endpoint.
  if (!config.snapStart) {
    env.AWS_ACCESS_KEY_ID = config.staticCredentials.AccessKeyId;
    env.AWS_SECRET_ACCESS_KEY = config.staticCredentials.SecretAccessKey;
    env.AWS_SESSION_TOKEN = config.staticCredentials.Token;
  }
  if (config.handler !== undefined) env._HANDLER = config.handler;
  if (config.taskRoot !== undefined) env.LAMBDA_TASK_ROOT = config.taskRoot;
  return env;
}

/** A log stream name in Lambda's `YYYY/MM/DD/[version]id` shape. */
export function newLogStreamName(functionVersion: string, now: Date = new Date()): string {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '/');
  return `${day}/[${functionVersion}]${randomBytes(16).toString('hex')}`;
}
