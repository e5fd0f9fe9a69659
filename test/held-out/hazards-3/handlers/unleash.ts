// unleash-client 6.12.2: the Unleash constructor ends with `if (!disableAutoStart) process.nextTick(async () =>
// this.start())` (lib/unleash.js:139-140); start() runs repository.start() (a fetch of the toggles through a keep-alive
// agent, lib/request.js keepAlive: true, then a refresh setTimeout) and metrics.start() (a metrics timer).
// initialize() is Unleash.getInstance(options); startUnleash() also waits for 'synchronized' (lib/index.js:34-44).
import { initialize, startUnleash, Unleash } from 'unleash-client';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

const url = process.env.UNLEASH_URL ?? 'https://unleash.internal/api/';
export const unleash = initialize({ url, appName: 'orders', customHeaders: { Authorization: process.env.UNLEASH_TOKEN ?? 'dev' } }); // expect: SR107 (getInstance → constructor → nextTick start(): the toggles fetch opens a keep-alive socket at init and the refresh/metrics timers belong to it)
unleash.on('error', () => undefined); // expect: none (a listener)

const manual = new Unleash({ url, appName: 'orders-manual', disableAutoStart: true, disableMetrics: true }); // expect: none (disableAutoStart: start() is not queued)
manual.on('error', () => undefined);

let scoped = new Unleash({ url, appName: 'orders-scoped', refreshInterval: 30_000, skipInstanceCountWarning: true }); // expect: none (destroyed before the snapshot and made again after the restore)
scoped.on('error', () => undefined);
registerBeforeSnapshot(() => scoped.destroy());
registerAfterRestore(() => {
  scoped = new Unleash({ url, appName: 'orders-scoped', refreshInterval: 30_000, skipInstanceCountWarning: true });
  scoped.on('error', () => undefined);
});

export const handler = async (event: { userId: string }) => {
  if (!manual.isSynchronized()) await manual.start(); // expect: none (in the handler)
  const ready = await startUnleash({ url, appName: 'orders' }).catch(() => unleash); // expect: none (in the handler: returns the instance made at init)
  return { a: ready.isEnabled('new-checkout', { userId: event.userId }), b: scoped.isEnabled('beta') };
};
