// webpack 5 with ts-loader for a Lambda function: one ES module (dist/handler.mjs) with its source
// map, Node.js target, the AWS SDK v3 left to the runtime. The snapshot-restore plugin checks the
// hooks, moves a registration written inside the handler to module top level when that is safe,
// and writes snapshot-restore.manifest.json beside the bundle.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { snapshotRestore } from 'snapshot-restore-tools/webpack';

const dir = path.dirname(fileURLToPath(import.meta.url));

export default {
  context: dir,
  entry: { handler: './src/handler.ts' },
  target: 'node20',
  mode: 'production',
  devtool: 'source-map',
  experiments: { outputModule: true },
  output: { path: path.join(dir, 'dist'), filename: '[name].mjs', module: true, library: { type: 'module' }, chunkFormat: 'module', clean: true },
  resolve: { extensions: ['.ts', '.js'], extensionAlias: { '.js': ['.ts', '.js'] } },
  externals: [/^@aws-sdk\//],
  // Keeps function names, so hook names in stack traces and in the manifest match the source.
  optimization: { minimize: false },
  module: { rules: [{ test: /\.ts$/, loader: 'ts-loader', exclude: /node_modules/ }] },
  plugins: [snapshotRestore()],
};
