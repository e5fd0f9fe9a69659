// posthog-node 5.74 and @segment/analytics-node 3.1: batching clients that arm their flush timer when the first event is queued.
import { PostHog } from 'posthog-node';
import { Analytics } from '@segment/analytics-node';

export const posthog = new PostHog(process.env.POSTHOG_KEY ?? 'phc_local', { host: process.env.POSTHOG_HOST ?? 'https://posthog.internal' }); // expect: none (dist/client.js: no personalApiKey, so no feature-flag poller; the flush timer is armed only when an event is queued)
posthog.capture({ distinctId: 'lambda', event: 'cold_start' }); // expect: SR106 (@posthog/core posthog-core-stateless.js enqueue(): safeSetTimeout(flushBackground, flushInterval = 10000) is armed and pending at the snapshot)

export const analytics = new Analytics({ writeKey: process.env.SEGMENT_WRITE_KEY ?? 'local' }); // expect: none (dist/cjs/app/analytics-node.js: the publisher is made; no batch, no timer; @lukeed/uuid's Math.random pool may be filled, but every messageId is prefixed with Date.now() (lib/get-message-id.js), so nothing repeats)
analytics.track({ userId: 'lambda', event: 'Init' }); // expect: SR106 (plugins/segmentio/publisher.js createBatch(): setTimeout(flushInterval = 10000) armed for the new batch, pending at the snapshot)

const flushed = new PostHog(process.env.POSTHOG_KEY ?? 'phc_local', { flushAt: 1, flushInterval: 0 }); // expect: none (flushInterval 0: no flush timer)
flushed.capture({ distinctId: 'lambda', event: 'init' }); // expect: SR107 (flushAt: 1: enqueue() flushes at once with fetch(); the global undici dispatcher keeps the socket alive at the snapshot)

export const handler = async (event: { user: string }) => {
  posthog.capture({ distinctId: event.user, event: 'invoke' }); // expect: none (in the handler)
  analytics.track({ userId: event.user, event: 'Invoke' }); // expect: none (in the handler)
  await posthog.flush();
  return { ok: true };
};
