// Adapted from TorstenDittmann/try-module-action rolldown.config.js
// (commit 0ebb2cfd51d62041fd29767124b494fb2c8a446b): output dir dist, minify, ESM, chunk names,
// platform node.
// Changed: the input is the Lambda handler; @aws-sdk external (as
// govuk-one-login/account-components' Lambda rolldown configs do); the snapshot-restore Rollup
// plugin added (docs/bundlers.md). tsconfig.json has legacy decorators, which Oxc lowers.
import { defineConfig } from 'rolldown';
import { snapshotRestore } from 'snapshot-restore-tools/rollup';

export default defineConfig({
  input: 'src/handler.ts',
  output: {
    dir: 'dist/',
    minify: true,
    format: 'esm',
    chunkFileNames: '[name].js',
  },
  platform: 'node',
  external: [/^@aws-sdk\/.+$/],
  plugins: [snapshotRestore()],
});
