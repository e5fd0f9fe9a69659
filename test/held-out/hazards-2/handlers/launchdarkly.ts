// @launchdarkly/node-server-sdk 9.13: init() starts the streaming data source (an EventSource over https) and the event processor.
import { init } from '@launchdarkly/node-server-sdk';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

export const ld = init(process.env.LD_SDK_KEY ?? 'sdk-local'); // expect: SR107 (js-server-sdk-common LDClientImpl: this._updateProcessor.start() opens the streaming connection at construction; the event processor's setInterval flush timers belong to the same client, one SR107)
await ld.waitForInitialization({ timeout: 2 }).catch(() => undefined); // expect: none (waits on the client already reported)

const offline = init(process.env.LD_SDK_KEY ?? 'sdk-local', { offline: true }); // expect: none (offline: no data source, sendEvents off: no socket, no timer; its randomUUID instanceId is only sent with requests, and offline sends none)

let flags = init(process.env.LD_SDK_KEY ?? 'sdk-local', { stream: false, sendEvents: false }); // expect: none (closed before the snapshot and made again after the restore below)
registerBeforeSnapshot(() => flags.close());
registerAfterRestore(() => {
  flags = init(process.env.LD_SDK_KEY ?? 'sdk-local', { stream: false, sendEvents: false });
});

export const handler = async (event: { key: string }) => {
  const ctx = { kind: 'user', key: event.key };
  return { a: await ld.variation('beta', ctx, false), b: await offline.variation('beta', ctx, false), c: await flags.variation('beta', ctx, false) }; // expect: none (in the handler)
};
