import { registerAfterRestore as onRestore } from 'snapshot-restore';

const log = [];

export function audit(what) {
  log.push(what);
}

onRestore(function clearAudit() {
  log.length = 0;
  console.log('hook:clearAudit');
});
