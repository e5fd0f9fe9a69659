// Bundles the Middy handler into dist/index.mjs with the snapshot-restore plugin.
import * as esbuild from 'esbuild';
import { snapshotRestore } from 'snapshot-restore-tools/esbuild';

await esbuild.build({
  entryPoints: ['src/handler.ts'],
  outfile: 'dist/index.mjs',
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  mainFields: ['module', 'main'],
  keepNames: true,
  sourcemap: true,
  plugins: [snapshotRestore({ failOn: 'warning' })],
});
