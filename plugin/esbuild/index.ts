// snapshot-restore/esbuild: the build plugin and the types around it.
export { snapshotRestore, PLUGIN_NAME } from './plugin.js';
export * from '../core/index.js';
