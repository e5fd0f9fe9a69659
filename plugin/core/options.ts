// Options of the plugin and of the analysis, and how the first become the second.
import * as path from 'node:path';
import type { SeverityOptions } from './diagnostics.js';

/** A module of the user's own that re-exports or wraps the two register functions. */
export interface WrapperModule {
  /** A package name (`@acme/lambda-hooks`) or a path relative to the working directory (`./src/hooks.ts`). */
  module: string;
  /** Export names that register before-snapshot hooks (default `registerBeforeSnapshot`). */
  beforeSnapshot?: string[];
  /** Export names that register after-restore hooks (default `registerAfterRestore`). */
  afterRestore?: string[];
}

export interface SnapshotRestoreOptions extends SeverityOptions {
  /** Name of the handler export (default `handler`). */
  handler?: string;
  /** Wrapper modules treated like `snapshot-restore` itself. */
  modules?: Array<string | WrapperModule>;
  /** Glob(s), relative to the working directory, of source files that must be in the bundle (SR004). */
  include?: string | string[];
  /** Write `snapshot-restore.manifest.json` (default true), or a different file name. */
  manifest?: boolean | string;
  /** Move provably safe registrations (and lazy imports of hook modules) out of the handler
   *  into module top level (default true). */
  hoist?: boolean;
  /** Lint the user's own modules for values made before the snapshot that every restored
   *  environment shares (SR101-SR108; default true). */
  uniqueness?: boolean;
}

/** A module whose exports register hooks, as the analysis sees it. */
export interface RuntimeModule {
  /** Matched against import specifiers as written (`snapshot-restore`, `@acme/hooks`). */
  specifier?: string;
  /** Absolute path without extension, matched against relative imports once resolved. */
  path?: string;
  beforeSnapshot: string[];
  afterRestore: string[];
}

export interface AnalyzeOptions {
  /** Name of the handler export (default `handler`). */
  handler?: string;
  /** Whether `export default` / `module.exports = fn` is the handler too (true for entry points). */
  defaultExportIsHandler?: boolean;
  /** Wrapper modules; `snapshot-restore` is always included. */
  modules?: RuntimeModule[];
  /** Decorator semantics the bundler will apply (`legacy` when tsconfig has experimentalDecorators). */
  decorators?: 'tc39' | 'legacy';
}

export const RUNTIME_SPECIFIER = 'snapshot-restore';
export const LAMBDA_SPECIFIER = 'snapshot-restore/lambda';
export const BOOTSTRAP_SPECIFIER = 'snapshot-restore/bootstrap';

export const RUNTIME_MODULE: RuntimeModule = {
  specifier: RUNTIME_SPECIFIER,
  beforeSnapshot: ['registerBeforeSnapshot'],
  afterRestore: ['registerAfterRestore'],
};

const SOURCE_EXTENSION = /\.[cm]?[jt]sx?$/;

export function stripExtension(file: string): string {
  return file.replace(SOURCE_EXTENSION, '');
}

/** Turns the `modules` option into what the analysis matches imports against. */
export function toRuntimeModules(modules: SnapshotRestoreOptions['modules'], workingDir: string): RuntimeModule[] {
  return (modules ?? []).map((entry) => {
    const spec = typeof entry === 'string' ? { module: entry } : entry;
    const names = {
      beforeSnapshot: spec.beforeSnapshot ?? RUNTIME_MODULE.beforeSnapshot,
      afterRestore: spec.afterRestore ?? RUNTIME_MODULE.afterRestore,
    };
    const isPath = spec.module.startsWith('.') || path.isAbsolute(spec.module);
    return isPath
      ? { path: stripExtension(path.resolve(workingDir, spec.module)), ...names }
      : { specifier: spec.module, ...names };
  });
}

/** A package name as it appears in an import or require: quoted, maybe followed by a subpath. */
function quotedForms(specifier: string): string[] {
  return ["'", '"', '`'].flatMap((quote) => [`${quote}${specifier}${quote}`, `${quote}${specifier}/`]);
}

/**
 * The strings whose presence makes a file worth parsing: the runtime's name as an import
 * specifier (quoted, so log messages and symbol keys that merely mention it do not count) and,
 * for each wrapper module, its specifier or file base name (an import of it must contain that).
 */
export function mentionNeedles(modules: RuntimeModule[]): string[] {
  const needles = new Set<string>(quotedForms(RUNTIME_SPECIFIER));
  for (const m of modules) {
    if (m.specifier) for (const form of quotedForms(m.specifier)) needles.add(form);
    if (m.path) needles.add(path.basename(m.path) === 'index' ? path.basename(path.dirname(m.path)) : path.basename(m.path));
  }
  return [...needles];
}
