// hono 4 with hono/aws-lambda: handle() converts events; nothing is opened.
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { setTimeout as sleep } from 'node:timers/promises';

const app = new Hono(); // expect: none (hono: a router, no I/O)
const cacheUntil = Date.now() + 60_000; // expect: SR105 (a deadline from the init clock: stale in every restore)
app.get('/', (c) => c.json({ fresh: Date.now() < cacheUntil })); // expect: none (per request)
await sleep(5); // expect: none (an awaited timer: fired before the snapshot)

export const handler = handle(app); // expect: none (hono/dist/adapter/aws-lambda/handler.js handle(): returns an async event handler)
