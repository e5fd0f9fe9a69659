// The Dockerfile's build stage: one CommonJS file with every package bundled, a source map.
import * as esbuild from 'esbuild';

await esbuild.build({
  entryPoints: ['src/app.ts'],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  keepNames: true,
  sourcemap: true,
  tsconfig: 'tsconfig.json',
  outfile: 'dist/app.cjs',
  logLevel: 'warning',
});
