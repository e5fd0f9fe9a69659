// snapshot-restore-tools/vite: the plugin for Vite, `snapshotRestore(options?)` (also the default export).
import { snapshotRestoreUnplugin } from './index.js';
import type { AdapterOptions, NamedPlugin } from './options.js';

// Typed with this package's own declarations (options.ts says why), not unplugin's.
export const snapshotRestore: (options?: AdapterOptions) => NamedPlugin = snapshotRestoreUnplugin.vite;
export default snapshotRestore;
export type { AdapterOptions, NamedPlugin, Manifest, SnapshotRestoreOptions } from './options.js';
