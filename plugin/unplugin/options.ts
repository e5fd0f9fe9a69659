// The adapters' options and the types they export, in a file of their own: the public
// declarations of snapshot-restore-tools/webpack, /rspack, /rollup and /vite stop here, and reach
// neither unplugin's types (which import every bundler's) nor the analysis (Babel's types).
import type { SnapshotRestoreOptions } from '../core/options.js';

export type { SnapshotRestoreOptions };
export type { Manifest } from '../core/build/manifest-format.js';

export interface AdapterOptions extends SnapshotRestoreOptions {
  /** The directory paths in findings and in the manifest are relative to. Default: webpack's and
   *  Rspack's `context`, Vite's `root`, the current directory for Rollup. */
  root?: string;
}

/**
 * What `snapshotRestore()` gives webpack and Rspack: a plugin with `apply(compiler)`. Written out
 * here rather than taken from unplugin or the bundler, so that these declarations import no
 * bundler's types (a consumer with `skipLibCheck: false` would need every bundler's installed);
 * it is assignable to webpack's `WebpackPluginInstance` and Rspack's `RspackPluginInstance`.
 */
export interface CompilerPlugin {
  name?: string;
  apply(compiler: any): void;
}

/**
 * What `snapshotRestore()` gives Rollup and Vite: a plugin object, assignable to their `Plugin`.
 * The hooks it may have are typed `any`, which each bundler's own hook types accept.
 */
export interface NamedPlugin {
  name: string;
  enforce?: 'pre' | 'post';
  apply?: any;
  options?: any;
  buildStart?: any;
  resolveId?: any;
  load?: any;
  transform?: any;
  buildEnd?: any;
  generateBundle?: any;
  writeBundle?: any;
  config?: any;
  configResolved?: any;
}
