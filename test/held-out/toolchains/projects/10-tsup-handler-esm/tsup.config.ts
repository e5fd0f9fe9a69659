// Adapted from caching-tools/next-shared-cache packages/handler/tsup.config.ts
// (commit 747f25d88c194e79cf6e72f898d006297d28d6e2): a named config, one handler entry,
// splitting false, dist, clean, target node18.17, noExternal for what must be bundled.
// Changed: format 'esm' (was 'cjs': this handler ends in a top-level `await snapStart()`);
// dts off (a Lambda bundle needs no declarations); target node20; noExternal the runtime
// (docs/bundlers.md); the esbuild plugin in esbuildPlugins.
import { defineConfig } from 'tsup';
import { snapshotRestore } from 'snapshot-restore-tools/esbuild';

export const tsup = defineConfig({
  name: 'Build handler',
  entry: ['src/handler.ts'],
  splitting: false,
  outDir: 'dist',
  clean: true,
  format: 'esm',
  dts: false,
  target: 'node20',
  noExternal: [/^snapshot-restore/],
  esbuildPlugins: [snapshotRestore()],
});

export default tsup;
