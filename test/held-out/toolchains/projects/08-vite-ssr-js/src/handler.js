// Payments handler, plain JavaScript ES module ending in `await snapStart()`.
import * as hooks from 'snapshot-restore';
import { snapStart } from 'snapshot-restore/lambda';
import { charge, token } from './client.js';
import './warmup.cjs';

// Hazard the docs say is found (SR105): a timestamp taken at init.
const bootedAt = Date.now();
let restores = 0;

function countRestore() {
  restores += 1;
  console.log('hook:countRestore');
}

export async function handler(event) {
  hooks.registerAfterRestore(countRestore);
  const { audit } = await import('./audit.js');
  audit('charge');
  return { bootedAt, restores, token: token(), result: await charge(event.amount ?? 1) };
}

await snapStart();
