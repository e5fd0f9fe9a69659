// Orders API handler: an ES module that ends in `await snapStart()` (Lambda's Node.js base image).
import { randomUUID } from 'node:crypto';
import { registerAfterRestore } from 'snapshot-restore';
import { snapStart } from 'snapshot-restore/lambda';
import { Cache } from './cache';
import { findOrder } from './db';
import './clock.cjs';

// Hazard the docs say is found (SR102): a UUID made at init is cloned into every environment.
const instanceId = randomUUID();
let configVersion = 0;

function reloadConfig() {
  configVersion += 1;
  console.log('hook:reloadConfig');
}

export const handler = async (event: { orderId?: string }) => {
  // Registered inside the handler: never runs unless the build hoists it (SR001).
  registerAfterRestore(reloadConfig);
  // A hook module loaded lazily inside the handler (SR003).
  const { recordMetric } = await import('./metrics');
  recordMetric('orders.get');
  const order = await findOrder(event.orderId ?? 'none');
  return { instanceId, configVersion, order, cached: Cache.size() };
};

await snapStart();
