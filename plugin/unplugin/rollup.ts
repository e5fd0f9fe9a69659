// snapshot-restore-tools/rollup: the plugin for Rollup, `snapshotRestore(options?)` (also the default export).
import { snapshotRestoreUnplugin } from './index.js';

export const snapshotRestore = snapshotRestoreUnplugin.rollup;
export default snapshotRestore;
export type { AdapterOptions, Manifest, SnapshotRestoreOptions } from './options.js';
