// Shape: middleware and wrappers. A middy middleware factory runs when .use() is called (at init); its returned
// before/after run per invoke. withLifecycle (lib/with-lifecycle.ts) runs warm() at wrap time.
import middy from '@middy/core';
import { WebClient } from '@slack/web-api';
import { createSigner } from 'fast-jwt';
import { withLifecycle } from './lib/with-lifecycle.ts';

const slack = new WebClient(process.env.SLACK_BOT_TOKEN ?? 'xoxb-test'); // expect: none (constructor)
const sign = createSigner({ key: 'dev-secret', expiresIn: 600_000 });
let callbackToken = '';

const base = async (event: { id: string }) => ({ id: event.id, t: callbackToken.length });

export const handler = withLifecycle(base, {
  warm: async () => {
    await slack.auth.test().catch(() => undefined); // expect: SR107 (warm() runs at init when withLifecycle wraps: a request through the global fetch, keep-alive socket at the snapshot)
  },
  onRestore: () => {
    callbackToken = sign({ sub: 'callbacks' }); // expect: none (an after-restore hook)
  },
});

const uptime = () => {
  const startedAt = Date.now(); // expect: SR105 (the factory runs at init when .use() is called below: the time is kept in the closure)
  return {
    before: async (request: any) => {
      request.context.uptimeMs = Date.now() - startedAt; // expect: none (per invoke)
    },
  };
};
const requestToken = () => ({
  before: async (request: any) => {
    request.context.token = sign({ sub: 'req' }); // expect: none (per invoke)
  },
});

export const middyHandler = middy(base).use(uptime()).use(requestToken()); // expect: none (reported inside the factory)
