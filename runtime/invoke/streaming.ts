// Response streaming as Lambda's Node.js runtime offers it (facts from aws-lambda-ric 4; the code
// is this project's own): the `awslambda.streamifyResponse(handler, { highWaterMark })` global marks
// a handler `(event, responseStream, context)`; its response is POSTed in Lambda's streaming mode
// (`Lambda-Runtime-Function-Response-Mode: streaming`, chunked, `Content-Type` set by
// `responseStream.setContentType()` before the first write, default application/octet-stream);
// a failure after the head ends the body with the trailers Lambda-Runtime-Function-Error-Type and
// Lambda-Runtime-Function-Error-Body (base64 of the error JSON). `awslambda.HttpResponseStream.from(
// stream, prelude)` writes the prelude JSON and 8 zero bytes before the body, for function URLs.
import { Writable } from 'node:stream';
import type { ChunkedRequest } from '../runtime-api/http.js';

// The markers the official client reads, so that a handler wrapped by any copy of the global works.
const STREAMING = Symbol.for('aws.lambda.runtime.handler.streaming');
const HIGH_WATER_MARK = Symbol.for('aws.lambda.runtime.handler.streaming.highWaterMark');
const HTTP_INTEGRATION_TYPE = 'application/vnd.awslambda.http-integration-response';

type Marked = { [STREAMING]?: unknown; [HIGH_WATER_MARK]?: unknown };

export class StreamingHandlerError extends Error {
  override name = 'Runtime.MalformedStreamingHandler';
}

/** The streaming settings of a handler, or undefined for a buffered one. */
export function streamingOf(handler: unknown): { highWaterMark?: number } | undefined {
  const mode = (handler as Marked)[STREAMING];
  if (!mode) return undefined;
  if (mode !== 'response') throw new StreamingHandlerError('Only response streaming is supported.');
  const hwm = Number((handler as Marked)[HIGH_WATER_MARK]);
  return Number.isFinite(hwm) && hwm > 0 ? { highWaterMark: hwm } : {};
}

/** Defines the `awslambda` global (unless AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA is 1 or true), keeping what is already on it. */
export function installAwsLambdaGlobal(env: NodeJS.ProcessEnv = process.env): void {
  if (env.AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA === '1' || env.AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA === 'true') return;
  const global = globalThis as { awslambda?: Record<string, unknown> };
  global.awslambda = {
    ...global.awslambda,
    streamifyResponse<F extends (...args: any[]) => unknown>(handler: F, options?: { highWaterMark?: number }): F {
      (handler as Marked)[STREAMING] = 'response';
      if (typeof options?.highWaterMark === 'number') (handler as Marked)[HIGH_WATER_MARK] = Math.trunc(options.highWaterMark);
      return handler;
    },
    HttpResponseStream,
  };
}

type FirstWrite = (write: (chunk: Uint8Array | string) => void) => void;

export class HttpResponseStream {
  /** Makes `stream` an HTTP response for function URLs: `prelude` ({ statusCode, headers, cookies }) goes first. */
  static from<S extends { setContentType(type: string): void; _onBeforeFirstWrite?: FirstWrite }>(stream: S, prelude: unknown): S {
    stream.setContentType(HTTP_INTEGRATION_TYPE);
    const json = JSON.stringify(prelude);
    stream._onBeforeFirstWrite = (write) => {
      write(json);
      write(new Uint8Array(8));
    };
    return stream;
  }
}

export class InvalidStreamingOperation extends Error {
  override name = 'Runtime.InvalidStreamingOperation';
}

/**
 * The `responseStream` a streaming handler writes to: a Writable whose bytes go to Lambda as they
 * come. The request starts at the first write (or at the end), so the content type can be set until then.
 */
export class ResponseStream extends Writable {
  /** Set by HttpResponseStream.from (any copy of it): writes before the first chunk. */
  _onBeforeFirstWrite: FirstWrite | undefined;
  #contentType = 'application/octet-stream';
  #request: Promise<ChunkedRequest> | undefined;
  #ended = false;

  constructor(
    private readonly open: (contentType: string) => Promise<ChunkedRequest>,
    highWaterMark?: number,
  ) {
    super(highWaterMark === undefined ? {} : { highWaterMark });
  }

  setContentType(contentType: string): void {
    if (this.#request) throw new InvalidStreamingOperation('Cannot set content-type, too late.');
    this.#contentType = contentType;
  }

  // Objects are written as JSON, as the official client does.
  override write(chunk: unknown, encoding?: any, callback?: any): boolean {
    const data = typeof chunk === 'string' || chunk instanceof Uint8Array ? chunk : JSON.stringify(chunk);
    return super.write(data, encoding, callback);
  }

  /** Lambda's answer to the streamed POST, once the body has ended. */
  async answer(): Promise<import('../runtime-api/http.js').HttpResponse> {
    return (await this.#start()).response;
  }

  /** Ends the body with the error trailers (or, when it has already ended, does nothing and returns false). */
  async fail(trailers: Record<string, string>): Promise<boolean> {
    if (this.#ended) return false;
    this.#ended = true;
    const request = await this.#start();
    request.end(trailers);
    if (!this.destroyed) this.destroy();
    return true;
  }

  override _write(chunk: Buffer, _encoding: string, callback: (error?: Error | null) => void): void {
    this.#start().then((request) => {
      if (request.write(chunk)) callback();
      else request.drained().then(() => callback(), callback);
    }, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.#start().then((request) => {
      if (!this.#ended) request.end();
      this.#ended = true;
      callback();
    }, callback);
  }

  #start(): Promise<ChunkedRequest> {
    if (this.#request) return this.#request;
    this.#request = this.open(this.#contentType).then((request) => {
      // The prelude also goes out when the handler only calls end() (the official client then drops it).
      this._onBeforeFirstWrite?.((chunk) => request.write(typeof chunk === 'string' ? Buffer.from(chunk) : chunk));
      return request;
    });
    return this.#request;
  }
}
