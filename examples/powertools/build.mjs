// Bundles the class handler into dist/index.mjs. esbuild reads tsconfig.json, whose
// `experimentalDecorators: true` selects legacy decorators (what Powertools' decorators are
// written for); the plugin reads the same setting to judge the decorators it finds.
import * as esbuild from 'esbuild';
import { snapshotRestore } from 'snapshot-restore-tools/esbuild';

await esbuild.build({
  entryPoints: ['src/handler.ts'],
  outfile: 'dist/index.mjs',
  tsconfig: 'tsconfig.json',
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  mainFields: ['module', 'main'],
  keepNames: true,
  sourcemap: true,
  plugins: [snapshotRestore({ failOn: 'warning' })],
});
