// createOrder function: Rollup CommonJS output, run by the snapshot-restore bootstrap.
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { putOrder } from './db';
import './warmup';
import { Audit } from './audit';
import defaults from './defaults.json';

// Hazard the docs say is found (SR101): a random number kept from init.
const shard = Math.floor(Math.random() * 16);
let region = 'unset';

function refreshRegion() {
  region = process.env.AWS_REGION ?? defaults.region;
  console.log('hook:refreshRegion');
}

function flushLatency() {
  console.log('hook:flushLatency');
}

// Only the handler calls this: its registration runs at invoke time (SR002).
function trackLatency() {
  registerBeforeSnapshot(flushLatency);
}

export const handler = async (event: { orderId?: string; total?: number }) => {
  registerAfterRestore(refreshRegion);
  trackLatency();
  Audit.record('create');
  return putOrder({ orderId: event.orderId ?? 'new', total: event.total ?? 0, shard, region });
};
