// Real public handler: scaminati/fantacalcio-md, fantamd-be/lambda.js, commit 0d232dbe146cf6e9a4ab13f1b294fec5e9677dc1.
// Rewritten here; the init shape (awsLambdaFastify(app) exported, then a top-level await app.ready()) is kept.
import awsLambdaFastify from '@fastify/aws-lambda';
import app from './lib/fastify-app.js';

export const handler = awsLambdaFastify(app); // expect: none (@fastify/aws-lambda index.js: a function that app.inject()s each event)
await app.ready(); // expect: none (fastify ready(): plugin loading, no socket, no timer left armed)
