// Older JavaScript helper, CommonJS with destructured require (docs/checks.md lists both).
const { registerAfterRestore, registerBeforeSnapshot } = require('snapshot-restore');

let warmed = false;

registerBeforeSnapshot(function coolDown() {
  warmed = false;
  console.log('hook:coolDown');
});

registerAfterRestore(function warmUp() {
  warmed = true;
  console.log('hook:warmUp');
});

module.exports = { isWarm: () => warmed };
