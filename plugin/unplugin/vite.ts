// snapshot-restore-tools/vite: the plugin for Vite, `snapshotRestore(options?)` (also the default export).
import { checkAdapterOptions, snapshotRestoreUnplugin } from './index.js';
import type { AdapterOptions, NamedPlugin } from './options.js';

// Typed with this package's own declarations (options.ts says why), not unplugin's. The options
// are checked when the plugin is created, as the esbuild plugin checks them.
export const snapshotRestore = (options?: AdapterOptions): NamedPlugin => {
  checkAdapterOptions(options);
  return snapshotRestoreUnplugin.vite(options) as NamedPlugin;
};
export default snapshotRestore;
export type { AdapterOptions, NamedPlugin, Manifest, SnapshotRestoreOptions } from './options.js';
