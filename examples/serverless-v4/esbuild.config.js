// Serverless Framework v4 calls this function with the serverless object and builds each
// function with the esbuild options it returns. The snapshot-restore plugin checks the hooks of
// the bundle and writes a snapshot-restore.manifest.json beside it.
const { snapshotRestore } = require('snapshot-restore-tools/esbuild');

module.exports = (serverless) => ({
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  outExtension: { '.js': '.mjs' },
  // Prefer the ES module builds of dependencies (the AWS SDK ships both).
  mainFields: ['module', 'main'],
  keepNames: true,
  sourcemap: true,
  // Findings are warnings on dev stages and fail the deployment to prod.
  plugins: [snapshotRestore({ failOn: serverless.service.provider.stage === 'prod' ? 'warning' : 'error' })],
});
