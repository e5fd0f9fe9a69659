// serverless-webpack loads this file with require() and builds every function with it:
// `slsw.lib.entries` has one entry per function (`src/create-order` -> `./src/create-order.mjs`).
// The output is one ES module per function (`.webpack/service/src/create-order.mjs`), which
// Lambda's Node.js runtime loads as ESM, so each handler's `await snapStart()` drives the hooks.
// The snapshot-restore plugin checks each function's hooks and writes
// snapshot-restore.manifest.json beside the bundles.
const path = require('node:path');
const slsw = require('serverless-webpack');
const { snapshotRestore } = require('snapshot-restore-tools/webpack');

module.exports = {
  context: __dirname,
  entry: slsw.lib.entries,
  target: 'node22',
  mode: slsw.lib.webpack.isLocal ? 'development' : 'production',
  devtool: 'source-map',
  experiments: { outputModule: true },
  output: {
    path: path.join(__dirname, '.webpack/service'),
    filename: '[name].mjs',
    module: true,
    library: { type: 'module' },
    chunkFormat: 'module',
  },
  // Keep function and class names, so hook names in messages and in the manifest match the source.
  optimization: { minimize: false },
  resolve: { mainFields: ['module', 'main'] },
  // Deployed as a zip on nodejs24.x, which cannot turn SnapStart on: the build warns so (SR007,
  // read from serverless.yml); errors (a hook that can never run) fail it. For SnapStart, put this bundle
  // in a container image: see examples/container-nodejs.
  plugins: [snapshotRestore()],
};
