// Bundles the handler into dist/index.mjs, one ES module with its dependencies, ready for
// Lambda's Node.js runtime (handler `index.handler`). The plugin checks the hooks while it builds
// and writes dist/snapshot-restore.manifest.json, which the runtime compares with what registered.
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
