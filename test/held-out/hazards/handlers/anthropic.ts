// @anthropic-ai/sdk 1.17: like openai, a fetch wrapper; constructing it opens nothing.
import Anthropic from '@anthropic-ai/sdk';
import { registerAfterRestore } from 'snapshot-restore';

export const anthropic = new Anthropic(); // expect: none (@anthropic-ai/sdk/client.mjs constructor: reads ANTHROPIC_API_KEY, this.fetch = options.fetch ?? Shims.getDefaultFetch(); no request)
export const warm = await anthropic.models.list(); // expect: SR107 (client.mjs: the request goes through the global fetch, whose keep-alive socket stays in undici's pool at the snapshot)
let startedAt = Date.now(); // expect: none (renewed after each restore below)
registerAfterRestore(() => {
  startedAt = Date.now();
});

export const handler = async (event: { question: string }) => {
  const msg = await anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 256, messages: [{ role: 'user', content: event.question }] }); // expect: none (in the handler)
  return { msg, startedAt, models: warm.data.length };
};
