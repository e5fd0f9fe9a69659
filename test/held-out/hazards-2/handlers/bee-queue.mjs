// bee-queue 2.0: the Queue constructor calls connect() (autoConnect defaults to true), which creates node-redis 3 clients.
import Queue from 'bee-queue';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

const redis = { host: process.env.REDIS_HOST ?? 'redis.internal', port: 6379 };

export const emails = new Queue('emails', { redis, isWorker: false }); // expect: SR107 (lib/queue.js constructor: settings.autoConnect defaults to true → this.connect() → redis.createClient(): node-redis 3 connects at creation)
const deferred = new Queue('reports', { redis, isWorker: false, autoConnect: false }); // expect: none (lib/queue.js: autoConnect: false skips connect() until ready()/connect() is called)

let thumbs = new Queue('thumbs', { redis, isWorker: false, getEvents: false }); // expect: none (closed before the snapshot and made again after the restore by the hooks below)
registerBeforeSnapshot(() => thumbs.close());
registerAfterRestore(() => {
  thumbs = new Queue('thumbs', { redis, isWorker: false, getEvents: false });
});

export const handler = async (event) => {
  await deferred.connect(); // expect: none (in the handler)
  const job = await emails.createJob({ to: event.to }).save(); // expect: none (in the handler)
  return { id: job.id, thumbs: thumbs.name };
};
