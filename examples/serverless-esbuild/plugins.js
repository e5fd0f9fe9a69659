// serverless-esbuild loads this file with require() and gives its plugins to esbuild for every
// function. The snapshot-restore plugin checks the hooks of each function's bundle and writes a
// snapshot-restore.manifest.json beside it.
const { snapshotRestore } = require('snapshot-restore-tools/esbuild');

module.exports = [snapshotRestore({ failOn: 'warning' })];
