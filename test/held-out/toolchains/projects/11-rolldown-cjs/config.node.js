// Adapted from yandzee/ts-tools packages/rolldown/config.node.js
// (commit 9e1dd655e50ddd384f377440aaacebb67c285d4e): platform node, CommonJS with source maps,
// node: built-ins external.
// Changed: two functions, so output.dir with [name].cjs entries and chunks (the package is "type": "module") instead of one output.file; the
// snapshot-restore Rollup plugin added (docs/bundlers.md: Rolldown runs Rollup plugins), SR007 off
// for CommonJS. tsconfig.json has legacy decorators, which Oxc lowers.
import { defineConfig } from 'rolldown';
import { snapshotRestore } from 'snapshot-restore-tools/rollup';

export default defineConfig({
  input: { 'create-order': 'src/create-order.ts', 'get-order': 'src/get-order.ts' },
  platform: 'node',
  output: {
    dir: 'dist',
    entryFileNames: '[name].cjs',
    chunkFileNames: '[name]-[hash].cjs',
    format: 'cjs',
    sourcemap: true,
  },
  external: [/^node:/],
  plugins: [snapshotRestore({ severity: { SR007: 'off' } })],
});
