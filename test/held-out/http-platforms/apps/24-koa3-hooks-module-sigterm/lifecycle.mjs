import { randomUUID } from 'node:crypto';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
export const trace = [];
let client;
function makeClient() {
  const data = new Map();
  return { id: randomUUID(), async incr(k) { data.set(k, (data.get(k) ?? 0) + 1); return data.get(k); }, async quit() {} };
}
export const cache = { client: () => (client ??= makeClient()), initId: undefined };
cache.initId = cache.client().id;
registerBeforeSnapshot(async function quitRedis() { await client?.quit(); client = undefined; trace.push('quitRedis'); });
registerBeforeSnapshot(async function slowFlush() { await new Promise((r) => setTimeout(r, 400)); trace.push('slowFlush'); });
registerAfterRestore(async function reconnectRedis() { cache.client(); trace.push('reconnectRedis'); });
registerAfterRestore(async function slowWarm() { await new Promise((r) => setTimeout(r, 400)); trace.push('slowWarm'); });
