// Shape: hooks registered in loops over several clients at init.
import Valkey from 'iovalkey';
import Queue from 'bee-queue';
import { Cron } from 'croner';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

const shards = [
  new Valkey(process.env.SHARD_A ?? 'redis://shard-a.internal:6379'), // expect: none (disconnected before the snapshot and reconnected after the restore by the loop below)
  new Valkey(process.env.SHARD_B ?? 'redis://shard-b.internal:6379'), // expect: none (same loop)
];
for (const shard of shards) {
  registerBeforeSnapshot(() => shard.disconnect());
  registerAfterRestore(() => shard.connect());
}

const queues = ['emails', 'sms'].map((name) => new Queue(name, { redis: { host: 'redis.internal' }, isWorker: false })); // expect: none (each queue connects at construction, and the forEach below closes and reconnects each)
queues.forEach((q) => {
  registerBeforeSnapshot(() => q.close());
  registerAfterRestore(() => q.connect());
});

const jobs: Cron[] = [];
for (const pattern of ['*/5 * * * *', '0 * * * *']) {
  jobs.push(new Cron(pattern, () => undefined)); // expect: SR106 (each Cron with a function arms setTimeout at init; no hook stops the jobs in this list)
}

const audit = new Valkey(process.env.AUDIT_URL ?? 'redis://audit.internal:6379'); // expect: SR107 (connects in the constructor; it is not in the list the loop renews)

export const handler = async (event: { k: string }) => ({
  a: await shards[0].get(event.k),
  q: queues.length,
  j: jobs.map((j) => j.nextRun()),
  audit: await audit.get(event.k),
});
