// snapshot-restore-tools/vite: the plugin for Vite, `snapshotRestore(options?)` (also the default export).
import { snapshotRestoreUnplugin } from './index.js';

export const snapshotRestore = snapshotRestoreUnplugin.vite;
export default snapshotRestore;
export type { AdapterOptions, Manifest, SnapshotRestoreOptions } from './options.js';
