// snapshot-restore/bootstrap: a complete custom runtime (provided.al2023, your own base image,
// CommonJS handlers). Loads `_HANDLER`, drives the SnapStart lifecycle, runs the invoke loop.
// Run as a script it starts at once: `node node_modules/snapshot-restore/dist/cjs/bootstrap.cjs`.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HandlerLoadError, loadHandler } from './invoke/handler-loader.js';
import { invokeLoop } from './invoke/loop.js';
import { formatError } from './invoke/format-error.js';
import { runLifecycle, type LifecycleOptions } from './lifecycle/lifecycle.js';
import { RuntimeApiClient } from './runtime-api/client.js';

export type { LifecycleOptions as BootstrapOptions } from './lifecycle/lifecycle.js';
export { HookError } from './hooks/hook-error.js';

/** Exit code after a handler that could not be loaded (reported to /runtime/init/error). */
export const LOAD_FAILURE_EXIT_CODE = 129;

export async function startRuntime(options?: LifecycleOptions): Promise<never> {
  const client = new RuntimeApiClient();
  let handler, file;
  try {
    // _HANDLER as Lambda sets it; else the first argument, as with ENTRYPOINT [node, bootstrap] + CMD ["file.handler"].
    ({ handler, file } = await loadHandler(process.env._HANDLER || process.argv[2]));
  } catch (error) {
    process.stderr.write(`snapshot-restore: ${formatError(error)}\n`);
    const type = error instanceof HandlerLoadError ? error.errorType : 'Runtime.ImportModuleError';
    await client.initError(error, type).catch((reportError) => process.stderr.write(`snapshot-restore: could not report the error to Lambda: ${formatError(reportError)}\n`));
    process.exit(LOAD_FAILURE_EXIT_CODE);
  }
  await runLifecycle(() => client, { bundle: file, ...options });
  return invokeLoop(client, handler);
}

function isMainScript(): boolean {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMainScript()) {
  startRuntime().catch((error) => {
    process.stderr.write(`snapshot-restore: the runtime stopped: ${formatError(error)}\n`);
    process.exit(1);
  });
}
