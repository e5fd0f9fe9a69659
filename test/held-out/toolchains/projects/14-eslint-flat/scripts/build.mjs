// A build script: not reported (docs/eslint.md).
const started = Date.now();
console.log('build took', Date.now() - started);
