// Loading the function's handler from `_HANDLER`, with aws-lambda-ric 4's own algorithm (read in
// its module-loader, handler-path and handler-resolver sources; the code is this project's own),
// so that every handler ric serves is served here the same way:
// - `_HANDLER` is `[dir/]module.export[.nested]`: the module name is the last path segment up to
//   its first dot, the rest is the export path; any `..` is refused (ric: use absolute paths).
// - The file is LAMBDA_TASK_ROOT/dir/module with the first of '', '.js', '.mjs', '.cjs' that
//   exists, loaded with import(): Node.js itself then decides CommonJS or ESM (package "type",
//   extension, syntax detection) and waits for top-level await, which require() refuses.
// - Else `module` is resolved from node_modules (LAMBDA_TASK_ROOT's and dir's), as require would.
// - The export path is walked through objects; when that finds nothing, it is walked again from
//   the module's default export (a CommonJS module.exports seen through import(), or an ESM
//   `export default { handler }`).
// - SyntaxError → Runtime.UserCodeSyntaxError, MODULE_NOT_FOUND → Runtime.ImportModuleError, both
//   with `String(error)` as the message; any other error thrown by the module's init is reported
//   as itself; no export → Runtime.HandlerNotFound; bad name → Runtime.MalformedHandlerName.
// Where ric fails for a reason of its own, this loader serves (each one listed in docs/bootstrap.md):
// a directory named like the module is skipped rather than imported (ric: ERR_UNSUPPORTED_DIR_IMPORT),
// paths go to import() as file URLs (ric passes raw paths, so `%` or `#` in a folder breaks), and a
// node_modules ES module with top-level await is imported (ric require()s it).
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export type Handler = (event: unknown, context: unknown, callback?: (error?: unknown, result?: unknown) => void) => unknown;

/** An error to post to /runtime/init/error, named with its Lambda error type (ric's classes carry it as `name`). */
export class HandlerLoadError extends Error {
  override name: string;
  constructor(
    readonly errorType: string,
    message: string,
    options?: { cause?: unknown; stack?: string },
  ) {
    super(message, options);
    this.name = errorType;
    if (options?.stack !== undefined) this.stack = options.stack;
  }
}

/** The lookup order of ric 4: the exact name first, then the three extensions. */
export const EXTENSIONS = ['', '.js', '.mjs', '.cjs'];

export interface HandlerName {
  /** The folder part, relative to the task root (or absolute), without a trailing slash. */
  moduleRoot: string;
  moduleName: string;
  /** The export path, dots included (`api.orders.create`). */
  handlerName: string;
}

/** Splits `_HANDLER` as ric does. */
export function parseHandlerName(handlerSpec: string): HandlerName {
  // A relative climb out of the task root is refused by ric (it wants absolute paths for that).
  if (handlerSpec.includes('..')) {
    throw new HandlerLoadError(
      'Runtime.MalformedHandlerName',
      `'${handlerSpec}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`,
    );
  }
  const last = basename(handlerSpec);
  const match = /^([^.]*)\.(.*)$/.exec(last);
  if (!match) throw new HandlerLoadError('Runtime.MalformedHandlerName', 'Bad handler');
  return { moduleRoot: handlerSpec.slice(0, handlerSpec.indexOf(last)).replace(/\/$/, ''), moduleName: match[1], handlerName: match[2] };
}

export async function loadHandler(handlerSpec = process.env._HANDLER, taskRoot = process.env.LAMBDA_TASK_ROOT || process.cwd()): Promise<{ handler: Handler; file: string }> {
  if (!handlerSpec) throw new HandlerLoadError('Runtime.MalformedHandlerName', 'Bad handler: _HANDLER is not set (expected "path/file.export")');
  const name = parseHandlerName(handlerSpec);
  const { module, file } = await loadModule(taskRoot, name);
  return { handler: resolveHandler(module, name.handlerName, handlerSpec), file };
}

const isFile = (path: string) => statSync(path, { throwIfNoEntry: false })?.isFile() === true;

async function loadModule(taskRoot: string, { moduleRoot, moduleName }: HandlerName): Promise<{ module: unknown; file: string }> {
  const base = resolve(taskRoot, moduleRoot, moduleName);
  try {
    for (const extension of EXTENSIONS) {
      const file = base + extension;
      if (isFile(file)) return { module: await import(pathToFileURL(file).href), file };
    }
    // A package in node_modules named like the module (ric resolves it as require does).
    const require = createRequire(join(taskRoot, 'noop.js'));
    const file = require.resolve(moduleName, { paths: [taskRoot, join(taskRoot, moduleRoot)] });
    return { module: await requireOrImport(require, file), file };
  } catch (error) {
    if (error instanceof SyntaxError) throw new HandlerLoadError('Runtime.UserCodeSyntaxError', String(error), { cause: error, stack: error.stack });
    if ((error as NodeJS.ErrnoException)?.code === 'MODULE_NOT_FOUND') throw new HandlerLoadError('Runtime.ImportModuleError', String(error), { cause: error });
    throw error;
  }
}

/** require() as ric does, and import() where require() cannot load an ES module (Node 20, or top-level await). */
async function requireOrImport(require: NodeJS.Require, file: string): Promise<unknown> {
  try {
    return require(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException)?.code;
    if (code !== 'ERR_REQUIRE_ESM' && code !== 'ERR_REQUIRE_ASYNC_MODULE') throw error;
    return import(pathToFileURL(file).href);
  }
}

/** The handler at the export path, or from the default export; a HandlerLoadError when there is no function there. */
export function resolveHandler(module: unknown, handlerName: string, handlerSpec: string): Handler {
  let handler = findIn(module, handlerName);
  if (!handler && typeof module === 'object' && module !== null && 'default' in module) handler = findIn((module as { default: unknown }).default, handlerName);
  if (!handler) throw new HandlerLoadError('Runtime.HandlerNotFound', `${handlerSpec} is undefined or not exported`);
  if (typeof handler !== 'function') throw new HandlerLoadError('Runtime.HandlerNotFound', `${handlerSpec} is not a function`);
  return handler as Handler;
}

/** The value at a dotted export path (`handler`, `api.orders.create`), walking objects only (ric's rule: a function's properties are not looked into), or undefined. */
function findIn(module: unknown, exportPath: string): unknown {
  let value = module;
  for (const key of exportPath.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

/** The value at a dotted export path, or undefined (emulate's lookup). */
export function exportAt(module: unknown, exportPath: string): unknown {
  let value = module;
  for (const key of exportPath.split('.')) value = (value as Record<string, unknown> | undefined)?.[key];
  return value;
}
