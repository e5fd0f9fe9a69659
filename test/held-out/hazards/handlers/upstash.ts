// @upstash/redis 1.39 (HTTP): the client is a fetch wrapper; a command is a request.
import { Redis } from '@upstash/redis';

export const redis = Redis.fromEnv(); // expect: none (nodejs.mjs Redis.fromEnv(): reads UPSTASH_REDIS_REST_URL/TOKEN and builds an HttpClient; nothing is sent)
export const explicit = new Redis({ url: process.env.UPSTASH_URL!, token: process.env.UPSTASH_TOKEN! }); // expect: none (constructor: HttpClient options only)
export const flags = await redis.get<Record<string, boolean>>('feature-flags'); // expect: SR107 (chunk-4WQYU7T6.mjs HttpClient.request(): fetch with keepAlive true by default: the socket stays in undici's pool at the snapshot)

export const handler = async (event: { key: string }) => {
  const value = await explicit.incr(event.key); // expect: none (in the handler)
  return { value, flags };
};
