// snapshot-restore-tools/rspack: the plugin for Rspack, `snapshotRestore(options?)` (also the default export).
import { checkAdapterOptions, snapshotRestoreUnplugin } from './index.js';
import type { AdapterOptions, CompilerPlugin } from './options.js';

// Typed with this package's own declarations (options.ts says why), not unplugin's. The options
// are checked when the plugin is created, as the esbuild plugin checks them.
export const snapshotRestore = (options?: AdapterOptions): CompilerPlugin => {
  checkAdapterOptions(options);
  return snapshotRestoreUnplugin.rspack(options) as CompilerPlugin;
};
export default snapshotRestore;
export type { AdapterOptions, CompilerPlugin, Manifest, SnapshotRestoreOptions } from './options.js';
