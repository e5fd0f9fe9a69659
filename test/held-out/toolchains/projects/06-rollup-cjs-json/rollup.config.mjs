// Adapted from sjmeverett/cloudformation packages/cloudfront-invalidation-resource/rollup.config.js
// (commit 9de3b254f3b554288b99ee922122442594b5efd7): node-resolve (preferBuiltins), commonjs, json,
// then typescript; CommonJS output into dist; the AWS SDK external.
// Changed: two functions (an input object) instead of one; `unzipper` external dropped (not
// used); '@aws-sdk/*' instead of v2's 'aws-sdk'; the snapshot-restore plugin added at the end with
// SR007 off (CommonJS output runs under the bootstrap: docs/bundlers.md).
import typescript from '@rollup/plugin-typescript';
import resolve from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';
import { snapshotRestore } from 'snapshot-restore-tools/rollup';

export default {
  input: { 'create-order': 'src/create-order.ts', 'get-order': 'src/get-order.ts' },
  output: {
    dir: 'dist',
    format: 'cjs',
  },
  plugins: [
    resolve({ preferBuiltins: true }),
    commonjs(),
    json(),
    typescript(),
    snapshotRestore({ severity: { SR007: 'off' } }),
  ],
  external: [/^@aws-sdk\//],
};
