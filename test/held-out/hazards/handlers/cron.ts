// cron 4: CronJob arms its timeout when started (start: true or start()).
import { CronJob } from 'cron';

export const started = new CronJob('0 */10 * * * *', () => console.log('sweep'), null, true, 'UTC'); // expect: SR106 (cron/dist/job.js constructor: if (start) this.start(); start() arms this._timeout = setTimeout(...) at init)
export const fromConfig = CronJob.from({ cronTime: '0 0 * * * *', onTick: () => console.log('hourly'), start: true }); // expect: SR106 (job.js from() → the same constructor with start: true)
export const stopped = CronJob.from({ cronTime: '0 0 * * * *', onTick: () => console.log('daily'), start: false }); // expect: none (not started: no timer)
export const later = new CronJob('* * * * * *', () => console.log('every second')); // expect: none (start defaults to undefined: no timer)
later.start(); // expect: SR106 (start() at init arms the setTimeout)

export const handler = async () => {
  stopped.fireOnTick(); // expect: none (in the handler)
  return { next: started.nextDate().toISO(), running: fromConfig.isActive };
};
