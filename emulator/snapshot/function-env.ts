// The environment of the function's processes in emulate and in the audit: Lambda's documented
// variables only (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime),
// never the developer's shell, in which API keys and tokens live. A value that only this machine
// can give (PATH, to find the binaries init starts) is taken from it; everything else is what
// Lambda sets. Variables given with --env come last.
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The variables Lambda documents for the Node.js runtime that do not depend on the Runtime API (which the emulator adds). */
export function functionEnv(entryFile: string, extra: Record<string, string | undefined> = {}): Record<string, string> {
  const major = process.versions.node.split('.')[0];
  const env: Record<string, string> = {
    AWS_EXECUTION_ENV: `AWS_Lambda_nodejs${major}.x`,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'snap-start',
    AWS_LAMBDA_FUNCTION_NAME: 'snapshot-restore-emulated',
    AWS_LAMBDA_FUNCTION_VERSION: '1',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
    AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/snapshot-restore-emulated',
    AWS_LAMBDA_LOG_STREAM_NAME: '2024/01/01/[1]00000000000000000000000000000000',
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    LAMBDA_TASK_ROOT: dirname(entryFile),
    LAMBDA_RUNTIME_DIR: dirname(process.execPath),
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
  };
  if (process.env.LD_LIBRARY_PATH) env.LD_LIBRARY_PATH = process.env.LD_LIBRARY_PATH;
  // No ~/.aws of the developer's: Lambda has none.
  env.AWS_SHARED_CREDENTIALS_FILE = env.AWS_CONFIG_FILE = join(tmpdir(), 'snapshot-restore-emulator-no-aws-config');
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}
