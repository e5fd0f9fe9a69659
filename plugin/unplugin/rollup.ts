// snapshot-restore-tools/rollup: the plugin for Rollup, `snapshotRestore(options?)` (also the default export).
import { snapshotRestoreUnplugin } from './index.js';
import type { AdapterOptions, NamedPlugin } from './options.js';

// Typed with this package's own declarations (options.ts says why), not unplugin's.
export const snapshotRestore: (options?: AdapterOptions) => NamedPlugin = snapshotRestoreUnplugin.rollup;
export default snapshotRestore;
export type { AdapterOptions, NamedPlugin, Manifest, SnapshotRestoreOptions } from './options.js';
