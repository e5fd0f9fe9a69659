// Real public handler: honojs/starter, templates/aws-lambda/src/index.ts, commit ae0e33e075640b0880dcfd13d1e3873c1195a4c1.
// Rewritten here; the init shape (a Hono app and handle(app) at module scope) is kept.
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';

const app = new Hono(); // expect: none (hono: a router object, no I/O)

app.get('/', (c) => {
  return c.text('Hello Hono!');
});

export const handler = handle(app); // expect: none (hono/dist/adapter/aws-lambda/handler.js: returns an event handler; nothing is opened)
