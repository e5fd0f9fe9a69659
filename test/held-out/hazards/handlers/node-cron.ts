// node-cron 4: schedule() starts the task at once; createTask() does not.
import cron from 'node-cron';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

export const refresh = cron.schedule('*/5 * * * *', () => console.log('refresh')); // expect: SR106 (node-cron/dist/node-cron.js schedule(): createTask() then task.start(), whose runner arms a setTimeout for the next tick at init)
export const idle = cron.createTask('0 * * * *', () => console.log('hourly')); // expect: none (node-cron.js createTask(): the task is made but not started: no timer)

let renewed = cron.schedule('* * * * *', () => console.log('tick')); // expect: none (stopped before the snapshot and scheduled again after the restore below)
registerBeforeSnapshot(() => renewed.stop());
registerAfterRestore(() => {
  renewed = cron.schedule('* * * * *', () => console.log('tick'));
});

export const handler = async () => {
  await idle.execute(); // expect: none (in the handler)
  return { status: await refresh.getStatus(), renewed: await renewed.getStatus() };
};
