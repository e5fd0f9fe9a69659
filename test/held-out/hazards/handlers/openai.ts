// openai 7: the client wraps fetch; a request at init goes through undici's keep-alive pool.
import OpenAI from 'openai';

export const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY, maxRetries: 2 }); // expect: none (openai/client.mjs constructor: this.fetch = options.fetch ?? Shims.getDefaultFetch(); no request)
export const models = await openai.models.list(); // expect: SR107 (client.mjs makeRequest → the global fetch: its keep-alive socket stays in undici's global Agent at the snapshot)

export const handler = async (event: { prompt: string }) => {
  const response = await openai.responses.create({ model: 'gpt-4.1-mini', input: event.prompt }); // expect: none (in the handler)
  return { text: response.output_text, models: models.data.length };
};
