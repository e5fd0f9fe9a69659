// Bundles the handler into dist/index.cjs (CommonJS, handler `index.handler`) and puts the
// bootstrap runtime beside it as dist/bootstrap.cjs, so that dist/ alone is the whole function:
// `node dist/bootstrap.cjs` loads the handler, drives the SnapStart lifecycle and serves invokes.
import { copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as esbuild from 'esbuild';
import { snapshotRestore } from 'snapshot-restore-tools/esbuild';

await esbuild.build({
  entryPoints: ['src/handler.ts'],
  outfile: 'dist/index.cjs',
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'cjs',
  keepNames: true,
  sourcemap: true,
  plugins: [
    snapshotRestore({
      failOn: 'warning',
      // SR007 says that a CommonJS bundle has nothing to drive the lifecycle on the stock
      // runtime. Here the bootstrap drives it, so that finding does not apply.
      severity: { SR007: 'off' },
    }),
  ],
});

// The bootstrap is already a single file with no dependencies: copy it as it is.
const require = createRequire(import.meta.url);
copyFileSync(require.resolve('snapshot-restore/bootstrap'), 'dist/bootstrap.cjs');
