// Shape: top-level await of helpers from lib/clients.mjs; one helper only in the handler.
import { connectQueue, fetchWebhookSecret, lateQueue, makeTotpSeed, schedule, startMetrics } from './lib/clients.mjs';

export const queue = await connectQueue(process.env.AMQP_URL ?? 'amqp://mq.internal:5672'); // expect: none (reported inside connectQueue)
export const webhookSecret = await fetchWebhookSecret(); // expect: SR108 (a function named for fetching a secret, awaited at init and its result kept)
const totpSeed = await makeTotpSeed(); // expect: none (reported inside makeTotpSeed)
const nightly = schedule('0 3 * * *'); // expect: none (reported inside schedule)
const metrics = await startMetrics(); // expect: none (reported inside startMetrics)

export const handler = async (event) => {
  const q = await lateQueue('amqp://mq-late.internal:5672');
  return { s: !!webhookSecret, t: totpSeed.length, next: nightly.next().toISOString(), m: !!metrics, q: q.isConnected(), id: event.id, c: queue.isConnected() };
};
