// Shape: promise chains started at init and not awaited (their callbacks run before the snapshot), promise executors,
// and timers that only settle a promise.
import PgBoss from 'pg-boss';
import ky from 'ky';
import { Temporal } from 'temporal-polyfill';
import { v4 as secureUuid } from '@lukeed/uuid/secure';

export const bossReady = Promise.resolve()
  .then(() => new PgBoss(process.env.JOBS_URL ?? 'postgres://pg-jobs.internal/jobs')) // expect: none (constructor only)
  .then((boss) => boss.start()) // expect: SR107 (the chain runs at init: start() opens the pool and queries)
  .catch(() => undefined);

const bootInstant = Promise.resolve().then(() => Temporal.Now.instant()); // expect: SR105 (the callback runs at init and the promise keeps the instant)
export const session = ky.get('https://auth.internal/session').json().catch(() => null); // expect: SR107 (a request at init, not awaited: its keep-alive socket is in the global pool at the snapshot)
const deploymentId = new Promise((resolve) => resolve(secureUuid())); // expect: SR104 (a promise executor runs at once: the ID is kept in the promise)
const nextId = () => Promise.resolve().then(() => secureUuid()); // expect: none (only called in the handler)

await new Promise((resolve) => setTimeout(resolve, 5)); // expect: none (a timer that only settles a promise awaited at init: fired before the snapshot)
const reminder = new Promise((resolve) => setTimeout(resolve, 60_000)); // expect: SR106 (not awaited at init: armed for a minute, still pending at the snapshot)

export const handler = async () => {
  const id = await nextId();
  return { id, boot: (await bootInstant).toString(), dep: await deploymentId, s: await session, b: !!(await bossReady), r: !!reminder };
};
