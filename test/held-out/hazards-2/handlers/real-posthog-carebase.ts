// Real public module: adamblumoff/carebase, api/lib/posthog.ts, commit b591a9e01f97ceb7ca617c976203c89c1aafc415.
// Rewritten: a handler that captures an event is added; the module's init shape is kept.
import { PostHog } from 'posthog-node';

const apiKey = process.env.POSTHOG_API_KEY ?? 'phc_local';
const host = process.env.POSTHOG_HOST ?? 'https://us.i.posthog.com';

export const posthog = apiKey ? new PostHog(apiKey, { host }) : null; // expect: none (posthog-node dist/client.js: no personalApiKey, no poller; no timer until an event is queued)

process.on('beforeExit', async () => {
  if (posthog) {
    try {
      await posthog.shutdown(); // expect: none (runs at exit)
    } catch (err) {
      console.warn('posthog shutdown failed', err);
    }
  }
});

export const handler = async (event: { user: string }) => {
  posthog?.capture({ distinctId: event.user, event: 'task_created' }); // expect: none (in the handler)
  return { ok: true };
};
