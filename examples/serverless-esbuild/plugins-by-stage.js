// The other shape serverless-esbuild accepts: a function called with the serverless object.
// Here the findings are warnings while you develop, and fail the build when deploying to prod.
// To use it, set `custom.esbuild.plugins: ./plugins-by-stage.js` in serverless.yml.
const { snapshotRestore } = require('snapshot-restore-tools/esbuild');

module.exports = (serverless) => {
  const stage = serverless.service.provider.stage;
  return [snapshotRestore({ failOn: stage === 'prod' ? 'warning' : 'error' })];
};
