// The modules of an unminified esbuild bundle, from the comment line esbuild writes before each
// module's code (`// src/handler.ts`, `// node_modules/pg/lib/index.js`): its path relative to
// the directory the build ran in, in the order the modules were emitted. esbuild keeps no other
// comment at the start of a line except legal comments (`//!`, `@license`, `@preserve`), which
// are told apart here. With the project's files on disk, these paths are what a source map
// without `sourcesContent` would give, so the whole-build check can run on them.
import * as path from 'node:path';

/** A line esbuild writes before a module: a path with an extension, no legal-comment marks. */
const MODULE_COMMENT = /^\/\/ ([^\s!][^\n]*?\.[\w]+)$/gm;
const LEGAL = /@license|@preserve|^!/;
/** esbuild's own namespaces (`<stdin>`, `(disabled):x`, `ns:path`) are not files. */
const VIRTUAL = /^<|^\(|^[a-z][\w+.-]*:/i;

/** The module paths the comments name (as written, relative to the build's working directory). */
export function modulePathsFromComments(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(MODULE_COMMENT)) {
    const written = match[1]!;
    if (LEGAL.test(written) || VIRTUAL.test(written)) continue;
    found.push(written);
  }
  return found;
}

/**
 * The modules as files under the working directory, or undefined when the bundle names none or
 * the user's own modules (outside node_modules) are not all on disk: then the bundle is all
 * there is to read, and it is read alone.
 */
export function moduleFilesFromComments(source: string, workingDir: string, exists: (file: string) => boolean): string[] | undefined {
  const files = [...new Set(modulePathsFromComments(source).map((written) => path.resolve(workingDir, written)))];
  const own = files.filter((file) => !/[\\/]node_modules[\\/]/.test(file));
  if (own.length === 0 || !own.every(exists)) return undefined;
  return files;
}
