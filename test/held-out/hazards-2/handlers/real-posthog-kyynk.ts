// Real public module: AdrienBarb/resume-app, apps/kyynk/src/lib/post-hog/postHogClient.ts,
// commit 9e2b9b0240fbde4796ae28d8287c0fc2eb20cb63. Rewritten: a handler is added; the init shape (client, then a
// top-level await of shutdown()) is kept.
import { PostHog } from 'posthog-node';

export const postHogClient = new PostHog(process.env.NEXT_PUBLIC_POSTHOG_KEY ?? 'phc_local', { // expect: none (no event queued: no timer, no request)
  host: process.env.NEXT_PUBLIC_POSTHOG_HOST ?? 'https://posthog.internal',
  flushAt: 1,
  flushInterval: 0,
});

await postHogClient.shutdown(); // expect: none (nothing queued: shutdown() sends nothing and stops the client)

export const handler = async (event: { user: string }) => {
  postHogClient.capture({ distinctId: event.user, event: 'view' }); // expect: none (in the handler)
  return { ok: true };
};
