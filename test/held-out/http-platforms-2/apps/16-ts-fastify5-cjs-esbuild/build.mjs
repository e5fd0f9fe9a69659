// The Dockerfile's build stage: a CommonJS bundle of the app's own code, packages external.
import * as esbuild from 'esbuild';

await esbuild.build({
  entryPoints: ['src/app.ts'],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  outfile: 'dist/app.cjs',
  logLevel: 'warning',
});
