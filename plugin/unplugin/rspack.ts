// snapshot-restore-tools/rspack: the plugin for Rspack, `snapshotRestore(options?)` (also the default export).
import { snapshotRestoreUnplugin } from './index.js';
import type { AdapterOptions, CompilerPlugin } from './options.js';

// Typed with this package's own declarations (options.ts says why), not unplugin's.
export const snapshotRestore: (options?: AdapterOptions) => CompilerPlugin = snapshotRestoreUnplugin.rspack;
export default snapshotRestore;
export type { AdapterOptions, CompilerPlugin, Manifest, SnapshotRestoreOptions } from './options.js';
