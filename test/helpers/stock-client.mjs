// A stand-in for Lambda's stock Node.js runtime client, for tests that run on every `npm test`
// (the real aws-lambda-ric builds native code and runs in `npm run test:peers`). It keeps the
// order that matters, as aws-lambda-ric 4 has it: define the `awslambda` global, `await import()`
// the handler module (top-level await included), then loop on /invocation/next with the
// invocation's context in `awslambda.InvokeStore`.
import http from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [host, port] = process.env.AWS_LAMBDA_RUNTIME_API.split(':');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
let current;
globalThis.awslambda = { streamifyResponse: (handler) => handler, InvokeStore: { hasContext: () => current !== undefined } };

function call(method, path, body) {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host, port, method, path: `/2018-06-01/runtime/${path}`, agent, headers: body === undefined ? {} : { 'Content-Type': 'application/json' } },
      (response) => {
        let text = '';
        response.setEncoding('utf8').on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, text }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

const [file, name] = process.env._HANDLER.split('.');
const dir = process.env.LAMBDA_TASK_ROOT;
const candidates = ['.mjs', '.js'].map((ext) => join(dir, file + ext));
const { existsSync } = await import('node:fs');
const module = await import(pathToFileURL(candidates.find((path) => existsSync(path))).href);
const handler = module[name] ?? module.default?.[name];
for (;;) {
  const next = await call('GET', 'invocation/next');
  const id = next.headers['lambda-runtime-aws-request-id'];
  current = { id };
  try {
    const result = await handler(JSON.parse(next.text), { awsRequestId: id });
    await call('POST', `invocation/${id}/response`, JSON.stringify(result ?? null));
  } catch (error) {
    await call('POST', `invocation/${id}/error`, JSON.stringify({ errorType: error?.name, errorMessage: error?.message }));
  }
}
