// The unplugin instance behind snapshot-restore-tools/webpack, /rspack, /rollup and /vite: one
// adapter, one plugin per bundler.
import { createUnplugin } from 'unplugin';
import { unpluginFactory, type AdapterOptions } from './factory.js';
export { checkAdapterOptions } from './factory.js';

export const snapshotRestoreUnplugin = createUnplugin<AdapterOptions | undefined, false>(unpluginFactory);
export { PLUGIN_NAME } from './factory.js';
export type { AdapterOptions } from './factory.js';
export type { Manifest, SnapshotRestoreOptions } from './options.js';
