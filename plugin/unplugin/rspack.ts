// snapshot-restore-tools/rspack: the plugin for Rspack, `snapshotRestore(options?)` (also the default export).
import { snapshotRestoreUnplugin } from './index.js';

export const snapshotRestore = snapshotRestoreUnplugin.rspack;
export default snapshotRestore;
export type { AdapterOptions, Manifest, SnapshotRestoreOptions } from './options.js';
