// Shape: hooks registered through a user module's re-exports (lib/lifecycle.ts).
import { connect } from 'nats';
import { uuidv7 } from 'uuidv7';
import { onRestore, onSnapshot } from './lib/lifecycle.js';

let nc = await connect({ servers: process.env.NATS_URL }); // expect: none (drained by onSnapshot and reconnected by onRestore, the runtime's hooks under other names)
let instanceId = uuidv7(); // expect: none (renewed by onRestore below)
let loadedAt = Date.now(); // expect: none (renewed by onRestore below)
onSnapshot(() => nc.drain());
onRestore(async () => {
  nc = await connect({ servers: process.env.NATS_URL });
  instanceId = uuidv7();
  loadedAt = Date.now();
});
const staleAt = Date.now(); // expect: SR105 (nothing renews this one)

export const handler = async () => ({ server: nc.info?.server_id, instanceId, loadedAt, staleAt });
