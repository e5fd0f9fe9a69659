// @slack/web-api 8.2.0: the WebClient constructor keeps `this.fetchFn = fetch ?? globalThis.fetch` (dist/WebClient.js:147)
// and requests nothing; each API call goes through makeRequest → fetchFn. resend 6.38.0: the Resend constructor
// keeps the key (throws without one, dist/index.mjs:1700-1701); fetchRequest() calls the global fetch (index.mjs:1732).
import { WebClient } from '@slack/web-api';
import { Resend } from 'resend';
import { registerAfterRestore } from 'snapshot-restore';

const slack = new WebClient(process.env.SLACK_BOT_TOKEN ?? 'xoxb-test'); // expect: none (constructor: no request)
const identity = await slack.auth.test().catch(() => undefined); // expect: SR107 (auth.test at init: a request through globalThis.fetch leaves its keep-alive socket in the global dispatcher)

const resend = new Resend(process.env.RESEND_API_KEY ?? 're_test_key'); // expect: none (constructor keeps the key: no request)
await resend.emails.send({ from: 'boot@example.com', to: ['ops@example.com'], subject: 'cold start', text: 'init' }).catch(() => undefined); // expect: SR107 (a send at init through the global fetch: keep-alive socket at the snapshot)

let botUser: string | undefined;
registerAfterRestore(async () => {
  const r = await slack.auth.test().catch(() => undefined); // expect: none (in the after-restore hook)
  botUser = r?.user_id;
});

export const handler = async (event: { channel: string; text: string }) => {
  const perRequest = new WebClient(process.env.SLACK_BOT_TOKEN ?? 'xoxb-test'); // expect: none (in the handler)
  await perRequest.chat.postMessage({ channel: event.channel, text: event.text });
  await resend.emails.send({ from: 'a@example.com', to: ['b@example.com'], subject: 's', text: event.text });
  return { bot: botUser ?? identity?.user_id };
};
