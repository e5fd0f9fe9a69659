import { randomUUID } from 'node:crypto';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
export const trace = [];
const initId = randomUUID();
export const db = {
  connected: true, initId, sessionId: initId,
  async find(id) { return { id, session: this.sessionId }; },
};
registerBeforeSnapshot(async function dbDisconnect() { await new Promise((r) => setTimeout(r, 10)); db.connected = false; trace.push('dbDisconnect'); });
registerAfterRestore(async function dbConnect() { await new Promise((r) => setTimeout(r, 10)); db.connected = true; db.sessionId = randomUUID(); trace.push('dbConnect'); });
