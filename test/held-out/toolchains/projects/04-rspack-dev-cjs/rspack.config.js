// Adapted from kato83/www.pu10g.com lambda/dynamo-crud/rspack.config.js
// (commit 78050d8a3c8224f8ae92fe0c6b163ed41ff654e3): mode 'development' (so Rspack's default
// devtool, eval), context, externals map, target 'node', entry names with a folder, CommonJS library.
// Changed: `builtins.react` and `cssFilename` dropped (removed from Rspack 1+, and no JSX here);
// the JSDOM externals dropped; two functions instead of one; a builtin:swc-loader rule for .ts
// (old Rspack compiled TypeScript without one; Rspack 1+ needs it), with TypeScript's standard
// decorators lowered (decoratorVersion 2022-03); the snapshot-restore plugin added as
// docs/bundlers.md says for CommonJS output (SR007 off).
const path = require('path');
const { snapshotRestore } = require('snapshot-restore-tools/rspack');

/**
 * @type {import('@rspack/core').Configuration}
 */
module.exports = {
  mode: 'development',
  context: __dirname,
  externals: {
    'aws-sdk': 'aws-sdk',
  },
  target: 'node',
  entry: {
    'dynamo-crud/create-order': './src/create-order.ts',
    'dynamo-crud/get-order': './src/get-order.ts',
  },
  resolve: { extensions: ['...', '.ts'] },
  module: {
    rules: [
      {
        test: /\.ts$/,
        loader: 'builtin:swc-loader',
        options: {
          jsc: {
            parser: { syntax: 'typescript', decorators: true },
            transform: { decoratorVersion: '2022-03' },
            target: 'es2022',
          },
        },
        type: 'javascript/auto',
      },
    ],
  },
  output: {
    path: path.resolve(__dirname, './dist/lambda'),
    filename: '[name].js',
    library: {
      type: 'commonjs',
    },
  },
  plugins: [snapshotRestore({ severity: { SR007: 'off' } })],
};
