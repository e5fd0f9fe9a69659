// Imported for its side effects only.
import { registerBeforeSnapshot } from 'snapshot-restore';

registerBeforeSnapshot(async function flushTraces() {
  await Promise.resolve();
  console.log('hook:flushTraces');
});
