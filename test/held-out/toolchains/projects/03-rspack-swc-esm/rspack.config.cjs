// Adapted from kitchenshelf/serverless-rspack examples/config/rspack.config.js
// (commit 73156c18845c23dce35e534d385fb7b957359880): production, target 'node', outputModule,
// externals (uuid, and a function keeping @aws-sdk/@smithy as `module` externals), DefinePlugin,
// NodeTargetPlugin, builtin:swc-loader for .ts, SwcJsMinimizerRspackPlugin, named module ids.
// Changed: serverless-rspack sets entry and output path itself, written here; ProgressPlugin
// dropped (noise); swc told about the legacy decorators the source uses (jsc.parser.decorators,
// jsc.transform.legacyDecorator, as NestJS-style projects do); the snapshot-restore plugin added
// as docs/bundlers.md says.
const { rspack } = require('@rspack/core');
const path = require('node:path');
const { snapshotRestore } = require('snapshot-restore-tools/rspack');

const config = () => {
  return {
    context: __dirname,
    entry: { handler: './src/handler.ts' },
    mode: 'production',
    target: 'node',
    experiments: {
      outputModule: true,
    },
    resolve: {
      extensions: ['...', '.ts', '.tsx', '.jsx'],
    },
    externals: [
      'uuid',
      function (obj, callback) {
        const resource = obj.request;
        if (/^@aws-sdk\/.*$/.test(resource) || /^@smithy\/.*$/.test(resource)) {
          return callback(null, 'module ' + resource);
        }
        callback();
      },
    ],
    plugins: [
      new rspack.DefinePlugin({
        'process.env.NODE_ENV': JSON.stringify(process.env['NODE_ENV']),
      }),
      new rspack.node.NodeTargetPlugin(),
      snapshotRestore(),
    ].filter(Boolean),
    output: {
      path: path.join(__dirname, '.rspack'),
      filename: '[name].mjs',
      chunkFormat: 'module',
      chunkLoading: 'import',
      library: {
        type: 'module',
      },
    },
    module: {
      rules: [
        {
          test: /\.ts$/,
          use: {
            loader: 'builtin:swc-loader',
            options: {
              jsc: {
                target: 'es2020',
                parser: {
                  syntax: 'typescript',
                  decorators: true,
                },
                transform: { legacyDecorator: true },
              },
            },
          },
        },
      ],
    },
    optimization: {
      moduleIds: 'named',
      mangleExports: false,
      minimizer: [new rspack.SwcJsMinimizerRspackPlugin()],
    },
  };
};
module.exports = config;
