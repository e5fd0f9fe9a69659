// The build script of the Code.fromCustomCommand route: bundles the handler into
// dist/index.mjs with the snapshot-restore plugin, which fails the build on a finding and writes
// dist/snapshot-restore.manifest.json beside the bundle.
import * as esbuild from 'esbuild';
import { snapshotRestore } from 'snapshot-restore-tools/esbuild';

await esbuild.build({
  entryPoints: ['src/handler.ts'],
  outfile: 'dist/index.mjs',
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  // Prefer the ES module builds of dependencies (the AWS SDK ships both).
  mainFields: ['module', 'main'],
  // Keep function and class names, so that hook names in messages stay readable.
  keepNames: true,
  sourcemap: true,
  plugins: [snapshotRestore({ failOn: 'warning' })],
});
