// CommonJS helper: destructured require, a kept timestamp silenced with the documented comment,
// and a kept random value and a kept date left to report.
const { registerAfterRestore } = require('snapshot-restore');

// snapshot-restore-ignore SR105
const loadedAt = Date.now();
const jitter = Math.random();
const startedAt = new Date();

registerAfterRestore(function resetClock() {
  console.log('hook:resetClock');
});

module.exports = { loadedAt, jitter, startedAt };
