// Adapted from ap0nia/terraform-fun tsup.config.ts (commit bc967fd6ec919c59568073e186be8c3635a7e824):
// named entries, bundle, minify, sourcemap, platform node, format ['cjs', 'esm'], target esnext, clean.
// Changed: two functions instead of one; noExternal for the runtime and splitting false
// (docs/bundlers.md, tsup section); the esbuild plugin in esbuildPlugins, SR007 off (the CommonJS
// build runs under the bootstrap).
import { defineConfig } from 'tsup';
import { snapshotRestore } from 'snapshot-restore-tools/esbuild';

export default defineConfig({
  entry: {
    'create-order': 'src/create-order.ts',
    'get-order': 'src/get-order.ts',
  },
  bundle: true,
  minify: true,
  sourcemap: true,
  platform: 'node',
  format: ['cjs', 'esm'],
  target: 'esnext',
  clean: true,
  splitting: false,
  noExternal: [/^snapshot-restore/],
  esbuildPlugins: [snapshotRestore({ severity: { SR007: 'off' } })],
});
