import { snapshotRestore } from 'snapshot-restore-tools/esbuild';
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/handler.ts' },
  outDir: 'dist',
  format: ['esm'],
  // .mjs, so that Lambda loads the bundle as an ES module without a package.json beside it.
  outExtension: () => ({ js: '.mjs' }),
  platform: 'node',
  target: 'node24',
  // A Lambda bundle carries its dependencies: bundle everything (tsup leaves them out by default).
  noExternal: [/.*/],
  // One file: tsup splits ES module output into chunks by default, which a Lambda function does
  // not need, and then the manifest would describe each chunk as a bundle of its own.
  splitting: false,
  sourcemap: true,
  clean: true,
  // tsup gives these to esbuild as they are.
  esbuildPlugins: [snapshotRestore({ failOn: 'warning' })],
});
