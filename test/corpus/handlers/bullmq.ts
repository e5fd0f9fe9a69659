// BullMQ 6: a queue over an ioredis connection, as its docs show.
import { Queue } from 'bullmq';
import IORedis from 'ioredis';

const connection = new IORedis(process.env.REDIS_URL!, { maxRetriesPerRequest: null, lazyConnect: true }); // expect: none (ioredis lazyConnect: the status is "wait", no socket yet)
export const queue = new Queue('emails', { connection }); // expect: SR107 (bullmq/dist/cjs/classes/redis-connection.js: the constructor runs this.init() → RedisConnection.waitUntilReady(client) → client.connect() for a client in "wait")
await queue.waitUntilReady(); // expect: none (the same connection: the finding is the queue's)

export const handler = async (event: { to: string }) => queue.add('send', event); // expect: none (in the handler)
