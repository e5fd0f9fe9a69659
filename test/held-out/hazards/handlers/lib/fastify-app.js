// The app module that real-fastify-lambda.js imports (the original's ./app.js), reduced to its init shape.
import Fastify from 'fastify';

const app = Fastify({ logger: true }); // expect: none (fastify: builds the instance; nothing listens)
app.get('/api/health', async () => ({ ok: true }));

export default app;
