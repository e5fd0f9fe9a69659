// snapshot-restore/bootstrap: a complete custom runtime (provided.al2023, your own base image,
// any handler aws-lambda-ric serves), a drop-in for Lambda's Node.js runtime client: loads
// `_HANDLER` with ric's own algorithm, writes console output in Lambda's log formats, drives the
// SnapStart lifecycle, runs the invoke loop (buffered and streamed responses). Run as a script it
// starts at once: `node node_modules/snapshot-restore/dist/cjs/bootstrap.cjs`, options from the
// environment. What it does and where it differs from ric: docs/bootstrap.md.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { exitAfterFlush } from './invoke/exit.js';
import { errorParts } from './invoke/format-error.js';
import { HandlerLoadError, loadHandler, type Handler } from './invoke/handler-loader.js';
import { logError, patchConsole, runtimeNotice } from './invoke/logging.js';
import { invokeLoop } from './invoke/loop.js';
import { installAwsLambdaGlobal, streamingOf } from './invoke/streaming.js';
import { exitOnUncaught } from './invoke/uncaught.js';
import { combineWithBootstrapOptions } from './lifecycle/bootstrap-options.js';
import { checkOptions, OptionError, optionsFromEnv } from './lifecycle/env-options.js';
import { runLifecycle, type LifecycleOptions } from './lifecycle/lifecycle.js';
import { markBootstrap } from './lifecycle/runtime-kind.js';
import { errorTypeHeader, RuntimeApiClient } from './runtime-api/client.js';

export type { LifecycleOptions as BootstrapOptions } from './lifecycle/lifecycle.js';
export { HookError } from './hooks/hook-error.js';
export { OPTION_VARIABLES } from './lifecycle/env-options.js';

/** Exit code after a handler that could not be loaded (reported to /runtime/init/error), as Lambda's Node.js runtimes before ric 4 exit. */
export const LOAD_FAILURE_EXIT_CODE = 129;
/** Exit code after an option with a value that is not valid. */
export const BAD_OPTION_EXIT_CODE = 2;

export async function startRuntime(options?: LifecycleOptions): Promise<never> {
  markBootstrap();
  patchConsole();
  installAwsLambdaGlobal();
  const client = new RuntimeApiClient();
  let phase: 'init' | 'invoke' = 'init';
  exitOnUncaught(client, () => phase);
  let given: LifecycleOptions;
  try {
    given = checkOptions(options, 'startRuntime()');
  } catch (error) {
    return badOption(error as OptionError, client);
  }
  // A handler's own `await snapStart()` runs inside the import below: it gets these options too.
  combineWithBootstrapOptions(given, () => client);
  let handler: Handler, file: string;
  try {
    // _HANDLER as Lambda sets it; else the first argument, as with ENTRYPOINT [node, bootstrap] + CMD ["file.handler"].
    ({ handler, file } = await loadHandler(process.env._HANDLER || process.argv[2]));
    streamingOf(handler);
  } catch (error) {
    logError('Init Error', error);
    // The body as ric writes it (the error's own name); the header in Lambda's form.
    const type = error instanceof HandlerLoadError ? error.errorType : errorParts(error).name;
    await client.initError(error, errorTypeHeader(type), type).catch((reportError) => runtimeNotice('could not report the error to Lambda', reportError));
    return exitAfterFlush(LOAD_FAILURE_EXIT_CODE);
  }
  await runLifecycle(() => client, { bundle: file, ...given });
  phase = 'invoke';
  return invokeLoop(client, handler);
}

async function badOption(error: OptionError, client = new RuntimeApiClient()): Promise<never> {
  runtimeNotice(error.message);
  await client.initError(error, 'Runtime.InvalidConfiguration').catch(() => undefined);
  return exitAfterFlush(BAD_OPTION_EXIT_CODE);
}

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
    return void (await badOption(error));
  }
  await startRuntime(options);
}

if (isMainScript()) {
  main().catch((error) => {
    runtimeNotice('the runtime stopped', error);
    return exitAfterFlush(1);
  });
}
