// Loading the function's handler from `_HANDLER` (`path/file.export`, relative to
// LAMBDA_TASK_ROOT), the way Lambda's Node.js runtime does: `.js`, `.mjs` and `.cjs` files,
// ESM and CommonJS; failures carry the error type Lambda reports for them.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export type Handler = (event: unknown, context: unknown, callback?: (error?: unknown, result?: unknown) => void) => unknown;

/** An error to post to /runtime/init/error with its Lambda error type. */
export class HandlerLoadError extends Error {
  override name: string;
  constructor(
    readonly errorType: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = errorType.replace(/^Runtime\./, '');
  }
}

const EXTENSIONS = ['.js', '.mjs', '.cjs'];

export async function loadHandler(handlerSpec = process.env._HANDLER, taskRoot = process.env.LAMBDA_TASK_ROOT ?? process.cwd()): Promise<{ handler: Handler; file: string }> {
  // "dir/file.export.nested": the module is everything up to the first dot of the last path segment.
  const match = /^((?:.*\/)?[^./]+)\.([^/]+)$/.exec(handlerSpec ?? '');
  if (!match) {
    throw new HandlerLoadError('Runtime.MalformedHandlerName', `Bad handler ${JSON.stringify(handlerSpec ?? '')}: expected "path/file.export" (set _HANDLER)`);
  }
  const [, modulePath, exportPath] = match;
  const base = resolve(taskRoot, modulePath);
  const file = EXTENSIONS.map((ext) => base + ext).find((candidate) => existsSync(candidate));
  if (!file) {
    throw new HandlerLoadError(
      'Runtime.ImportModuleError',
      `Cannot find module '${modulePath}' (looked for ${EXTENSIONS.map((ext) => modulePath + ext).join(', ')} in ${taskRoot})`,
    );
  }
  const loaded = await loadModule(file);
  const handler = exportAt(loaded, exportPath);
  if (typeof handler !== 'function') {
    throw new HandlerLoadError('Runtime.HandlerNotFound', `${modulePath}.${exportPath} is undefined or not exported`);
  }
  return { handler: handler as Handler, file };
}

/** The value at a dotted export path (`handler`, `api.orders.create`), or undefined. */
export function exportAt(module: unknown, exportPath: string): unknown {
  let value = module;
  for (const key of exportPath.split('.')) value = (value as Record<string, unknown> | undefined)?.[key];
  return value;
}

async function loadModule(file: string): Promise<Record<string, unknown>> {
  try {
    if (file.endsWith('.mjs')) return await import(pathToFileURL(file).href);
    try {
      return createRequire(join(file, '..', 'noop.js'))(file);
    } catch (error) {
      // A .js file in an ESM package: CommonJS cannot load it, import() can.
      if ((error as NodeJS.ErrnoException).code !== 'ERR_REQUIRE_ESM') throw error;
      return await import(pathToFileURL(file).href);
    }
  } catch (error) {
    const type = error instanceof SyntaxError ? 'Runtime.UserCodeSyntaxError' : 'Runtime.ImportModuleError';
    throw new HandlerLoadError(type, `Error loading ${file}: ${(error as Error)?.message ?? String(error)}`, { cause: error });
  }
}
