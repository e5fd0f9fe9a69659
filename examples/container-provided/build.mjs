// Bundles the handler into dist/index.cjs (CommonJS) and puts the bootstrap runtime beside it as
// dist/bootstrap.cjs. The image copies dist/ and starts the bootstrap (see ./bootstrap).
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
      // SR007 warns that nothing drives the lifecycle of a CommonJS bundle on the stock runtime;
      // in this image the bootstrap drives it.
      severity: { SR007: 'off' },
    }),
  ],
});

// The bootstrap is a single file with no dependencies: copy it as it is.
const require = createRequire(import.meta.url);
copyFileSync(require.resolve('snapshot-restore/bootstrap'), 'dist/bootstrap.cjs');
