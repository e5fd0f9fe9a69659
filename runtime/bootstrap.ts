// snapshot-restore/bootstrap: a complete custom runtime (provided.al2023, your own base image,
// CommonJS handlers), a drop-in for Lambda's Node.js runtime client: loads `_HANDLER`, writes
// console output in Lambda's log formats, drives the SnapStart lifecycle, runs the invoke loop
// (buffered and streamed responses). Run as a script it starts at once:
// `node node_modules/snapshot-restore/dist/cjs/bootstrap.cjs`, options from the environment.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatError } from './invoke/format-error.js';
import { HandlerLoadError, loadHandler, type Handler } from './invoke/handler-loader.js';
import { logError, patchConsole } from './invoke/logging.js';
import { invokeLoop } from './invoke/loop.js';
import { installAwsLambdaGlobal, streamingOf } from './invoke/streaming.js';
import { exitOnUncaught } from './invoke/uncaught.js';
import { OptionError, optionsFromEnv } from './lifecycle/env-options.js';
import { runLifecycle, type LifecycleOptions } from './lifecycle/lifecycle.js';
import { markBootstrap } from './lifecycle/runtime-kind.js';
import { RuntimeApiClient } from './runtime-api/client.js';

export type { LifecycleOptions as BootstrapOptions } from './lifecycle/lifecycle.js';
export { HookError } from './hooks/hook-error.js';
export { OPTION_VARIABLES } from './lifecycle/env-options.js';

/** Exit code after a handler that could not be loaded (reported to /runtime/init/error). */
export const LOAD_FAILURE_EXIT_CODE = 129;
/** Exit code after an option variable with a value that is not valid. */
export const BAD_OPTION_EXIT_CODE = 2;

export async function startRuntime(options?: LifecycleOptions): Promise<never> {
  markBootstrap();
  patchConsole();
  installAwsLambdaGlobal();
  const client = new RuntimeApiClient();
  let phase: 'init' | 'invoke' = 'init';
  exitOnUncaught(client, () => phase);
  let handler: Handler, file: string;
  try {
    // _HANDLER as Lambda sets it; else the first argument, as with ENTRYPOINT [node, bootstrap] + CMD ["file.handler"].
    ({ handler, file } = await loadHandler(process.env._HANDLER || process.argv[2]));
    streamingOf(handler);
  } catch (error) {
    logError('Init Error', error);
    const type = error instanceof HandlerLoadError ? error.errorType : isRuntimeTyped(error) ? (error as Error).name : 'Runtime.ImportModuleError';
    await client.initError(error, type).catch((reportError) => process.stderr.write(`snapshot-restore: could not report the error to Lambda: ${formatError(reportError)}\n`));
    process.exit(LOAD_FAILURE_EXIT_CODE);
  }
  await runLifecycle(() => client, { bundle: file, ...options });
  phase = 'invoke';
  return invokeLoop(client, handler);
}

const isRuntimeTyped = (error: unknown) => error instanceof Error && /^Runtime\.[A-Z][a-zA-Z]+$/.test(error.name);

function isMainScript(): boolean {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  let options: LifecycleOptions;
  try {
    options = optionsFromEnv();
  } catch (error) {
    if (!(error instanceof OptionError)) throw error;
    process.stderr.write(`snapshot-restore: ${error.message}\n`);
    await new RuntimeApiClient().initError(error, 'Runtime.InvalidConfiguration').catch(() => undefined);
    process.exit(BAD_OPTION_EXIT_CODE);
  }
  await startRuntime(options);
}

if (isMainScript()) {
  main().catch((error) => {
    process.stderr.write(`snapshot-restore: the runtime stopped: ${formatError(error)}\n`);
    process.exit(1);
  });
}
