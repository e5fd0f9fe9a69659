// cron 4.4: a CronJob arms its timer when it is started, by the constructor's `start` argument,
// by from()'s `start` option, or by start(). No table names cron: the check reads job.js.
import { CronJob } from 'cron';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

export const nightly = new CronJob('0 0 3 * * *', () => console.log('nightly'), null, true); // expect: SR106 (cron/dist/job.js constructor: if (start) this.start(); start() arms this._timeout = setTimeout(...) at init)
export const manual = new CronJob('0 0 4 * * *', () => console.log('manual')); // expect: none (start left out: the constructor arms nothing)
export const paused = CronJob.from({ cronTime: '0 * * * * *', onTick: () => console.log('paused'), start: false }); // expect: none (job.js from() passes params.start, false, on to the constructor)
export const hourly = CronJob.from({ cronTime: '0 0 * * * *', onTick: () => console.log('hourly'), start: true }); // expect: SR106 (from() → the constructor with start: true)
manual.start(); // expect: SR106 (start() at init arms the setTimeout)
const renewed = new CronJob('* * * * * *', () => console.log('tick'), null, true); // expect: none (stopped before the snapshot and started again after the restore below)
registerBeforeSnapshot(() => renewed.stop());
registerAfterRestore(() => renewed.start());

export const handler = async () => {
  const once = new CronJob('* * * * * *', () => console.log('once'), null, true); // expect: none (in the handler)
  once.stop();
  return { next: nightly.nextDate().toISO(), running: hourly.isActive, paused: paused.isActive };
};
