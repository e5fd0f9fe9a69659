// Response streaming through the bootstrap: awslambda.streamifyResponse handlers post in Lambda's
// streaming mode (head and error trailers checked byte for byte on the fault-injection API; the
// emulator accepts and records the streamed response). Compared with aws-lambda-ric in test/peers.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/bundle.js';
import { FaultApi, startRuntime } from '../helpers/fault-api.js';
import { STREAMING_HANDLERS } from '../helpers/fault-scenarios.js';
import { bootstrapScript, requireBuild, run, writeFile, type Running } from '../helpers/lifecycle.js';

beforeAll(requireBuild);
let running: Running | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

async function serve(handler: keyof typeof STREAMING_HANDLERS): Promise<Running> {
  const dir = tempDir();
  writeFile(dir, 'index.js', STREAMING_HANDLERS[handler]);
  running = await run([bootstrapScript], { emulator: { snapStart: false }, env: { _HANDLER: 'index.handler', LAMBDA_TASK_ROOT: dir } });
  return running;
}

describe('bootstrap response streaming, recorded by the emulator', () => {
  it('streams the chunks with the content type set before the first write, then serves the next invoke', async () => {
    const { emulator } = await serve('chunks');
    const result = await emulator.invoke({});
    expect(result.ok).toBe(true);
    expect(result.streamed?.contentType).toBe('text/plain; charset=utf-8');
    expect(result.streamed?.body.toString()).toBe('first,second,{"third":3}last');
    expect((await emulator.invoke({ next: true })).rawPayload).toBe('next');
  });

  it('HttpResponseStream.from: the prelude JSON and 8 zero bytes before the body, in the HTTP integration content type', async () => {
    const { emulator } = await serve('httpResponse');
    const result = await emulator.invoke({});
    expect(result.streamed?.contentType).toBe('application/vnd.awslambda.http-integration-response');
    const prelude = JSON.stringify({ statusCode: 201, headers: { 'x-custom': 'yes' }, cookies: ['a=1'] });
    expect(result.streamed?.body).toEqual(Buffer.concat([Buffer.from(prelude), Buffer.alloc(8), Buffer.from('<h1>hello</h1>')]));
  });

  it('a failure after the first bytes ends the body with the error trailers; the emulator records the error', async () => {
    const { emulator } = await serve('failsMidway');
    const result = await emulator.invoke({});
    expect(result.ok).toBe(false);
    expect(result.streamed?.body.toString()).toBe('partial');
    expect(result.error?.sentErrorType).toBe('Function.TypeError');
    expect(result.error?.body).toMatchObject({
      errorType: 'TypeError',
      errorMessage: 'stream broke',
      stackTrace: ['TypeError: stream broke', '    at handler (/var/task/index.js:4:17)'],
    });
    expect((await emulator.invoke({ next: true })).rawPayload).toBe('next');
  });

  it('a handler that returns before its stream has ended is done when the stream ends', async () => {
    const { emulator } = await serve('returnsEarly');
    expect((await emulator.invoke({})).streamed?.body.toString()).toBe('now,later');
  });

  it('pipeline() of 1 MB arrives whole', async () => {
    const { emulator } = await serve('pipeline');
    const body = (await emulator.invoke({})).streamed!.body;
    expect(body.length).toBe(1024 * 1024);
    expect(body[65536 * 3]).toBe(3);
  });
});

describe('bootstrap response streaming on the wire', () => {
  it("posts in Lambda's streaming mode: the head, chunked bytes, and the error trailers", async () => {
    const api = await FaultApi.start();
    const dir = tempDir();
    writeFile(dir, 'index.js', STREAMING_HANDLERS.failsMidway);
    const runtime = startRuntime(api, [bootstrapScript], { _HANDLER: 'index.handler', LAMBDA_TASK_ROOT: dir });
    try {
      const post = await api.invoke({}, {}, 'stream-1');
      expect(post.path).toBe('/runtime/invocation/stream-1/response');
      expect(post.headers).toMatchObject({
        'lambda-runtime-function-response-mode': 'streaming',
        'transfer-encoding': 'chunked',
        'content-type': 'application/octet-stream',
        trailer: 'Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body',
      });
      expect(post.chunked).toBe(true);
      expect(post.body.toString()).toBe('partial');
      expect(post.trailers['lambda-runtime-function-error-type']).toBe('Function.TypeError');
      expect(JSON.parse(Buffer.from(post.trailers['lambda-runtime-function-error-body'], 'base64').toString())).toEqual({
        errorType: 'TypeError',
        errorMessage: 'stream broke',
        trace: ['TypeError: stream broke', '    at handler (/var/task/index.js:4:17)'],
      });
    } finally {
      await runtime.stop();
      await api.close();
    }
  });
});
