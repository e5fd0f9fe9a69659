// Left over from the old warm-up plugin: no function imports it any more (SR004 with `include`).
import { registerAfterRestore } from 'snapshot-restore';

registerAfterRestore(function legacyWarmup() {
  console.log('hook:legacyWarmup');
});
