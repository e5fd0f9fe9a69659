// Adapted from anurag-patnaik/aws-practice webpack.config.js (commit 6a40abc890ba487348747c7b411e266c19b37833):
// externalsPresets { node: true }, externals [nodeExternals()], babel-loader excluding node_modules.
// Babel presets (preset-env for the Lambda Node.js version, preset-typescript) as in the
// serverless-webpack babel templates. Changed: TypeScript entry and resolve.extensions, ES module
// output (the handler ends in `await snapStart()`), nodeExternals importType 'module' for that output,
// mode production; the snapshot-restore plugin added as docs/bundlers.md says.
const path = require('path');
const nodeExternals = require('webpack-node-externals');
const { snapshotRestore } = require('snapshot-restore-tools/webpack');

module.exports = {
  context: __dirname,
  mode: 'production',
  target: 'node20',
  entry: { handler: './src/handler.ts' },
  externalsPresets: { node: true },
  externals: [nodeExternals({ importType: 'module' })],
  experiments: { outputModule: true },
  output: {
    path: path.join(__dirname, 'build'),
    filename: '[name].mjs',
    module: true,
    library: { type: 'module' },
    chunkFormat: 'module',
  },
  resolve: { extensions: ['.ts', '.js'] },
  module: {
    rules: [
      {
        test: /\.(ts|js)$/,
        exclude: /node_modules/,
        use: ['babel-loader'],
      },
    ],
  },
  plugins: [snapshotRestore()],
};
