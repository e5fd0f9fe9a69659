// Bundles the handler into <outdir>/index.mjs with the snapshot-restore plugin, which fails the
// build on an error finding and writes snapshot-restore.manifest.json beside the bundle.
// Usage: node build.mjs [outdir]   (the Makefile passes SAM's ARTIFACTS_DIR; default dist)
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { snapshotRestore } from 'snapshot-restore-tools/esbuild';

const outdir = process.argv[2] ?? 'dist';

await esbuild.build({
  entryPoints: ['src/handler.ts'],
  outfile: join(outdir, 'index.mjs'),
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  mainFields: ['module', 'main'],
  keepNames: true,
  sourcemap: true,
  // Deployed as a zip on nodejs24.x, which cannot turn SnapStart on: the build warns so (SR007,
  // read from template.yaml); errors (a hook that can never run) fail it. For SnapStart, put this bundle
  // in a container image: see examples/container-nodejs.
  plugins: [snapshotRestore()],
});
