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
