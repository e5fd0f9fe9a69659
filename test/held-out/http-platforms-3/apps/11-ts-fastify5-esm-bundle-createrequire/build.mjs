// The Dockerfile's build stage: one self-contained ES module (fastify and all bundled in), with
// esbuild's usual createRequire banner for the bundled CommonJS code.
import * as esbuild from 'esbuild';

await esbuild.build({
  entryPoints: ['src/app.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  outfile: 'dist/app.mjs',
  banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
  logLevel: 'warning',
});
