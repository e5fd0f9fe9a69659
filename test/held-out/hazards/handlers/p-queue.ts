// p-queue 10: an interval-limited queue arms its interval only when a task starts.
import PQueue from 'p-queue';

export const limited = new PQueue({ concurrency: 2, interval: 1000, intervalCap: 5 }); // expect: none (p-queue/dist/index.js constructor: #initializeIntervalIfNeeded() runs only when a task is dequeued; no timer yet)
export const plain = new PQueue({ concurrency: 4 }); // expect: none (no interval at all)
export const monitor = setInterval(() => console.log(limited.size, limited.pending), 60_000); // expect: SR106 (a monitoring interval armed at init, never cleared)

export const handler = async (event: { urls: string[] }) => {
  const results = await Promise.all(event.urls.map((u) => limited.add(async () => u.length))); // expect: none (in the handler)
  return { results, idle: plain.size };
};
