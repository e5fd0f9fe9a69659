// Schedulers: node-schedule 2.1, toad-scheduler 4.1, croner 11, bottleneck 2.19.
import schedule from 'node-schedule';
import { ToadScheduler, SimpleIntervalJob, Task } from 'toad-scheduler';
import { Cron } from 'croner';
import Bottleneck from 'bottleneck';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

function refresh() {}

const nightly = schedule.scheduleJob('0 3 * * *', refresh); // expect: SR106 (lib/Job.js schedule() → lib/Invocation.js scheduleInvocation(): lt.setTimeout (long-timeout) armed for the next run)
const rule = new schedule.RecurrenceRule(); // expect: none (a rule object)
rule.minute = 0;

const scheduler = new ToadScheduler(); // expect: none (engines only; no timer)
const task = new Task('flush', refresh); // expect: none (a task object)
const job = new SimpleIntervalJob({ seconds: 30 }, task, { id: 'flush' }); // expect: none (SimpleIntervalJob.js: the job is constructed; start() arms it)
scheduler.addSimpleIntervalJob(job); // expect: SR106 (SimpleIntervalEngine.js add() → job.start(): setInterval armed at init)

const cronJob = new Cron('*/5 * * * *', refresh); // expect: SR106 (croner.js constructor: a function argument calls schedule() → setTimeout(_checkTrigger, min(next, 30 s)))
const pattern = new Cron('0 0 * * *'); // expect: none (no function: schedule() is never called, no timer; used for nextRun())

const limiter = new Bottleneck({ maxConcurrent: 2, minTime: 100 }); // expect: none (lib/LocalDatastore.js: no heartbeat without a reservoir refresh/increase interval; its Math.random clientId is only used by the Redis datastore)
const reservoir = new Bottleneck({ reservoir: 100, reservoirRefreshAmount: 100, reservoirRefreshInterval: 60_000 }); // expect: SR106 (lib/LocalDatastore.js _startHeartbeat(): reservoirRefreshInterval + Amount arm setInterval(heartbeatInterval), unref'd but armed)

let poller = new Cron('* * * * *', refresh); // expect: none (stopped before the snapshot and made again after the restore)
registerBeforeSnapshot(() => poller.stop());
registerAfterRestore(() => {
  poller = new Cron('* * * * *', refresh);
});

export const handler = async () => {
  const once = schedule.scheduleJob(new Date(Date.now() + 1000), refresh); // expect: none (in the handler)
  once?.cancel();
  return { next: pattern.nextRun(), n: nightly?.name, running: scheduler.getById('flush').getStatus(), c: cronJob.isRunning(), l: await limiter.schedule(async () => 1), r: await reservoir.currentReservoir(), p: poller.isRunning(), rule: rule.minute };
};
