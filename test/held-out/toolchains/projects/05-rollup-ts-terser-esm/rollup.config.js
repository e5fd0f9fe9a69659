// Adapted from guckin/serverless-template rollup.config.js
// (commit c767aeab0696d3b9fd408d1d11566424e9f31dde): one config per handler through
// bundleHandler(), typescript(), node-resolve with the node export conditions, commonjs, terser
// and json, an ES module file with its source map.
// Changed: rollup-plugin-terser -> @rollup/plugin-terser (its successor); inlineDynamicImports
// (an output `file` cannot hold the chunk of the handler's `import()`); snapshot-restore plugin
// added at the end (docs/bundlers.md: anywhere in the list).
import resolve from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import json from '@rollup/plugin-json';
import { snapshotRestore } from 'snapshot-restore-tools/rollup';

function bundleHandler(input, output) {
  return {
    input,
    output: {
      file: output,
      sourcemap: true,
      format: 'es',
      inlineDynamicImports: true,
    },
    external: [/^@aws-sdk\//],
    plugins: [
      typescript(),
      resolve({ exportConditions: ['node'], preferBuiltins: true }),
      commonjs(),
      terser(),
      json(),
      snapshotRestore(),
    ],
  };
}

export default [bundleHandler('src/handler.ts', 'build/orders-handler.mjs')];
