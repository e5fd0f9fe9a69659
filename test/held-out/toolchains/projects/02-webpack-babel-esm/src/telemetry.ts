// Imported for its side effects only: flushes spans before the snapshot, restarts after.
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

const spans: string[] = [];

const flushSpans = () => {
  spans.length = 0;
  console.log('hook:flushSpans');
};

registerBeforeSnapshot(flushSpans);

registerAfterRestore(function restartTracing() {
  spans.push('restart');
  console.log('hook:restartTracing');
});
