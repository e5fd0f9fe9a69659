// Bundles the handler, its dependencies included, into dist/index.mjs: the image needs nothing
// else (no node_modules, no npm ci in the Dockerfile).
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
