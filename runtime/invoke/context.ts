// The context object Node.js handlers get, built from one /invocation/next answer.
import type { IncomingHttpHeaders } from 'node:http';

export interface LambdaContext {
  callbackWaitsForEmptyEventLoop: boolean;
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  identity?: { cognitoIdentityId: string; cognitoIdentityPoolId: string };
  clientContext?: unknown;
  /** The tenant of a tenant-isolated function (`Lambda-Runtime-Aws-Tenant-Id`), when Lambda sends one. */
  tenantId?: string;
  getRemainingTimeInMillis(): number;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseJson(text: string | undefined, what: string): any {
  if (text === undefined || text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`Lambda sent ${what} that is not JSON: ${text.slice(0, 200)}`, { cause: error });
  }
}

export function createContext(requestId: string, headers: IncomingHttpHeaders, env = process.env): LambdaContext {
  // A malformed deadline leaves getRemainingTimeInMillis() at 0 (the official client aborts the process).
  const deadline = Number(header(headers, 'lambda-runtime-deadline-ms'));
  const identity = parseJson(header(headers, 'lambda-runtime-cognito-identity'), 'a Cognito identity');
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME ?? '',
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION ?? '',
    invokedFunctionArn: header(headers, 'lambda-runtime-invoked-function-arn') ?? '',
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '',
    awsRequestId: requestId,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME ?? '',
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME ?? '',
    identity: identity && { cognitoIdentityId: identity.cognitoIdentityId, cognitoIdentityPoolId: identity.cognitoIdentityPoolId },
    clientContext: parseJson(header(headers, 'lambda-runtime-client-context'), 'a client context'),
    tenantId: header(headers, 'lambda-runtime-aws-tenant-id'),
    getRemainingTimeInMillis: () => (Number.isFinite(deadline) ? Math.max(0, deadline - Date.now()) : 0),
  };
}
