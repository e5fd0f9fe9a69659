import * as lifecycle from 'snapshot-restore';

const entries = new Map<string, string>();

export const Cache = {
  size: () => entries.size,
};

function flushCache() {
  entries.clear();
  console.log('hook:flushCache');
}

function warmCache() {
  entries.set('warm', 'yes');
  console.log('hook:warmCache');
}

lifecycle.registerBeforeSnapshot(flushCache);
lifecycle.registerAfterRestore(warmCache);
