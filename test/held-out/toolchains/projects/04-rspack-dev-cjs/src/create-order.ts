// createOrder function: compiled to CommonJS, run by the snapshot-restore bootstrap.
import { registerAfterRestore } from 'snapshot-restore';
import { putOrder } from './db';
import './warmup';
import { Audit } from './audit';

// Hazard the docs say is found (SR101): a random number kept from init.
const shard = Math.floor(Math.random() * 16);
let region = 'unset';

function refreshRegion() {
  region = process.env.AWS_REGION ?? 'local';
  console.log('hook:refreshRegion');
}

export const handler = async (event: { orderId?: string; total?: number }) => {
  registerAfterRestore(refreshRegion);
  Audit.record('create');
  return putOrder({ orderId: event.orderId ?? 'new', total: event.total ?? 0, shard, region });
};
