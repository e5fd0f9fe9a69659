// express 5 under serverless-http 4: the app and the adapter are plain objects.
import express from 'express';
import serverless from 'serverless-http';

const app = express(); // expect: none (express: an application function; nothing listens)
const bootedAt = new Date().toISOString(); // expect: SR105 (a time read at init and kept: served by /health in every restore)
const requestLog: string[] = [];
app.use(express.json());
app.get('/health', (_req, res) => {
  requestLog.push(new Date().toISOString()); // expect: none (in a route: runs per request)
  res.json({ bootedAt, served: requestLog.length });
});

export const handler = serverless(app); // expect: none (serverless-http: wraps the app; requests are dispatched in memory, no socket)
