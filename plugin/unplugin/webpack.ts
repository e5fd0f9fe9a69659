// snapshot-restore-tools/webpack: the plugin for webpack, `snapshotRestore(options?)` (also the default export).
import { snapshotRestoreUnplugin } from './index.js';

export const snapshotRestore = snapshotRestoreUnplugin.webpack;
export default snapshotRestore;
export type { AdapterOptions, Manifest, SnapshotRestoreOptions } from './options.js';
