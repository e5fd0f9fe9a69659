// fastify 5 under @fastify/aws-lambda 6: inject(), no listening socket.
import Fastify from 'fastify';
import awsLambdaFastify from '@fastify/aws-lambda';
import { randomUUID } from 'node:crypto';

const app = Fastify({ logger: false, genReqId: () => randomUUID() }); // expect: none (genReqId is called per request)
const instance = randomUUID(); // expect: SR102 (an instance ID made at init and kept)
app.get('/', async () => ({ instance, at: Date.now() })); // expect: none (the route runs per request)

export const handler = awsLambdaFastify(app); // expect: none (@fastify/aws-lambda index.js: returns a function that calls app.inject() per event; no socket)
await app.ready(); // expect: none (fastify ready(): loads plugins; nothing listens)
