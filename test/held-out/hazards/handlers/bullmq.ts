// bullmq 6: a Queue, a Worker and QueueEvents make their Redis connection in the constructor.
import { Queue, Worker } from 'bullmq';

const connection = { host: process.env.REDIS_HOST, port: 6379 };
export const queue = new Queue('emails', { connection }); // expect: SR107 (bullmq/dist/esm/classes/queue-base.js constructor → createBackend() → RedisConnection, whose constructor calls init(): new IORedis(opts), which connects unless lazyConnect, and waits for ready)
export const worker = new Worker('emails', async (job) => job.data, { connection, autorun: false }); // expect: SR107 (worker.js: the same RedisConnection from QueueBase, plus a blocking one; autorun: false only skips run())

export const handler = async (event: { to: string }) => {
  const job = await queue.add('send', { to: event.to }); // expect: none (in the handler)
  const local = new Queue('audit', { connection }); // expect: none (in the handler)
  await local.close();
  return { id: job.id, running: worker.isRunning() };
};
