// Adapted from chrisslater/aws-node-serverless services/goodbye/webpack.config.js
// (commit c68fca298f82b5eb52bc7a4989ac9397b71e9bfb): ts-loader, devtool 'source-map', target 'node';
// output block from thathardwareguy/iotPayloadFilter webpack.config.js (31d55230078a):
// libraryTarget 'commonjs' into .webpack; externals: [nodeExternals()] and the mode line from
// igorvinnicius/serverless-todo-nodejs-aws-cognito webpack.config.js (32f86f01f18c).
// Changed: slsw.lib.entries written out (serverless is not installed here); the snapshot-restore
// plugin added as docs/bundlers.md says for serverless-webpack's CommonJS output (SR007 off),
// with `include` so that a hook file no function imports is reported (SR004).
const path = require('path');
const nodeExternals = require('webpack-node-externals');
const { snapshotRestore } = require('snapshot-restore-tools/webpack');

// What slsw.lib.entries gives for the two functions of serverless.yml.
const entries = {
  'src/create-order': './src/create-order.ts',
  'src/get-order': './src/get-order.ts',
};

module.exports = {
  mode: 'production',
  devtool: 'source-map',
  entry: entries,
  target: 'node',
  externals: [nodeExternals()],
  module: {
    rules: [
      {
        test: /\.ts(x?)$/,
        loader: 'ts-loader',
      },
    ],
  },
  resolve: {
    extensions: ['.js', '.json', '.ts'],
  },
  output: {
    libraryTarget: 'commonjs',
    path: path.join(__dirname, '.webpack'),
    filename: '[name].js',
  },
  plugins: [snapshotRestore({ severity: { SR007: 'off' }, include: ['src/**/*.ts'] })],
};
