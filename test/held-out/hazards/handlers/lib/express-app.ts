// The app module of the real typeorm handlers, reduced.
import express from 'express';

const app = express(); // expect: none (an application function; nothing listens)
app.get('/ping', (_req, res) => {
  res.json({ pong: true });
});
export default app;
