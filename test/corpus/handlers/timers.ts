// Timers: one armed at init is in the snapshot; one that init (or a hook) awaits has fired before it.
import { setTimeout as sleep } from 'node:timers/promises';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

await new Promise((resolve) => setTimeout(resolve, 50)); // expect: none (init awaits it: it has fired before the snapshot)
await sleep(10); // expect: none (timers/promises, awaited)
registerBeforeSnapshot(async () => {
  await new Promise((resolve) => setTimeout(resolve, 100)); // expect: none (awaited inside the async hook: the hook finishes after it fires)
});
registerAfterRestore(async () => {
  await new Promise((resolve) => setTimeout(resolve, 10)); // expect: none (after the restore)
});
export const heartbeat = setInterval(() => console.log('alive'), 60_000); // expect: SR106 (armed at init, never cleared: cloned into every restore)
export const flushTimer = setTimeout(() => console.log('flush'), 5_000); // expect: SR106 (pending at the snapshot)

export const handler = async () => {
  await new Promise((resolve) => setTimeout(resolve, 1)); // expect: none (in the handler)
  return 'ok';
};
