// serverless-esbuild loads this file with require() and gives its plugins to esbuild for every
// function. The snapshot-restore plugin checks the hooks of each function's bundle and writes a
// snapshot-restore.manifest.json beside it.
const { snapshotRestore } = require('snapshot-restore-tools/esbuild');

// Deployed as zips on nodejs24.x, which cannot turn SnapStart on: the build warns so (SR007, read
// from serverless.yml); errors (a hook that can never run) fail it. For SnapStart, put the bundles
// in a container image: see examples/container-nodejs.
module.exports = [snapshotRestore()];
