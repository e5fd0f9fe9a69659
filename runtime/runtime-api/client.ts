// A client for Lambda's Runtime API (reference: lambda-snapstart.md §2-§4), on the minimal
// HTTP/1.1 client of http-client.ts. The two blocking calls (/restore/next, /invocation/next)
// have no timeout. No connection opened before the snapshot is reused after the restore:
// /restore/next uses a connection of its own, and the keep-alive connection for the invoke
// loop is opened after the restore.
import { errorParts, formatError, isError } from '../invoke/format-error.js';
import { xrayErrorCause } from './xray-cause.js';
import { HttpConnection, type ChunkedRequest, type HttpResponse } from './http.js';

export type ApiResponse = HttpResponse;

export class RuntimeApiError extends Error {
  override name = 'RuntimeApiError';
  constructor(
    readonly call: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`Runtime API ${call} answered ${status}${body ? `: ${body.slice(0, 500)}` : ''}`);
  }
}

export interface Invocation {
  requestId: string;
  /** The raw event body. */
  body: string;
  headers: Record<string, string>;
}

/** The JSON body Lambda expects on its error endpoints (`trace` is what the Node client sends). */
export interface ErrorBody {
  errorType: string;
  errorMessage: string;
  stackTrace: string[];
  trace: string[];
}

const ERROR_TYPE = /^(Runtime|Function)\.[A-Z][a-zA-Z]+$/;

/**
 * The error body. `errorType` is what the official client sends: the error's own name
 * (`ValidationError`), or `typeof` for a thrown non-Error; the Lambda-Runtime-Function-Error-Type
 * header carries Lambda's `Function.<Name>` form. Never throws, whatever was thrown.
 */
export function errorBody(error: unknown, errorType?: string): ErrorBody {
  const { name, message } = errorParts(error);
  const stack = isError(error) ? formatError(error).split('\n') : [];
  return { errorType: errorType ?? name, errorMessage: message, stackTrace: stack, trace: stack };
}

/** The header for an error post: a valid Lambda error type, else Runtime.Unknown. */
export function errorTypeHeader(errorType: string): string {
  return ERROR_TYPE.test(errorType) ? errorType : 'Runtime.Unknown';
}

export const STREAMING_ERROR_TYPE_TRAILER = 'Lambda-Runtime-Function-Error-Type';
export const STREAMING_ERROR_BODY_TRAILER = 'Lambda-Runtime-Function-Error-Body';

export class RuntimeApiClient {
  private readonly host: string;
  private readonly port: number;
  private connection: HttpConnection | undefined;
  /** Streamed responses go on a keep-alive connection of their own, as the official client's do. */
  private streamingConnection: HttpConnection | undefined;

  constructor(address = process.env.AWS_LAMBDA_RUNTIME_API) {
    if (!address) throw new Error('AWS_LAMBDA_RUNTIME_API is not set: this process is not running under a Lambda Runtime API');
    // host:port, where host may be a bracketed IPv6 address ([::1]:9001).
    const colon = address.lastIndexOf(':');
    this.host = address.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
    this.port = Number(address.slice(colon + 1));
  }

  /** Drops pooled connections: called after a restore, when every old socket is stale. */
  resetConnections(): void {
    this.connection?.close();
    this.connection = undefined;
    this.streamingConnection?.close();
    this.streamingConnection = undefined;
  }

  /** Blocks across the snapshot; answers once this environment is restored. */
  async restoreNext(): Promise<void> {
    await this.request('GET', '/runtime/restore/next', { expect: 200, fresh: true });
  }

  async nextInvocation(): Promise<Invocation> {
    const response = await this.request('GET', '/runtime/invocation/next', { expect: 200 });
    const requestId = response.headers['lambda-runtime-aws-request-id'];
    if (typeof requestId !== 'string') throw new RuntimeApiError('GET /runtime/invocation/next (no Lambda-Runtime-Aws-Request-Id)', response.status, response.body);
    return { requestId, body: response.body, headers: response.headers };
  }

  async invocationResponse(requestId: string, body: string): Promise<void> {
    await this.request('POST', `/runtime/invocation/${encodeURIComponent(requestId)}/response`, { body, expect: 202 });
  }

  /**
   * Starts a streamed response (Lambda's streaming mode: chunked body, errors as trailers).
   * Resolves once the head is sent; the request's `response` settles with Lambda's answer.
   */
  beginStreamingResponse(requestId: string, contentType: string): Promise<ChunkedRequest> {
    this.streamingConnection ??= new HttpConnection(this.host, this.port);
    return this.streamingConnection.beginChunked('POST', `/2018-06-01/runtime/invocation/${encodeURIComponent(requestId)}/response`, {
      'Lambda-Runtime-Function-Response-Mode': 'streaming',
      Trailer: `${STREAMING_ERROR_TYPE_TRAILER}, ${STREAMING_ERROR_BODY_TRAILER}`,
      'Content-Type': contentType,
    });
  }

  /**
   * Posts an invocation error: the body as the official client writes it, the header in Lambda's
   * `Function.<Name>` form (or the given `Runtime.*` type), and the X-Ray error cause.
   * `fresh` sends it on a connection of its own (when the shared one may be busy).
   */
  async invocationError(requestId: string, error: unknown, errorType: string, options: { bodyType?: string; fresh?: boolean } = {}): Promise<void> {
    const headers: Record<string, string> = { 'Lambda-Runtime-Function-Error-Type': errorTypeHeader(errorType) };
    const cause = xrayErrorCause(error);
    if (cause) headers['Lambda-Runtime-Function-XRay-Error-Cause'] = cause;
    const body = JSON.stringify(errorBody(error, options.bodyType));
    await this.request('POST', `/runtime/invocation/${encodeURIComponent(requestId)}/error`, { body, expect: 202, headers, fresh: options.fresh });
  }

  /** `bodyType` is the body's errorType when it differs from the header's (ric writes the error's own name there). */
  async initError(error: unknown, errorType: string, bodyType?: string): Promise<void> {
    await this.postError('/runtime/init/error', error, errorType, bodyType);
  }

  async restoreError(error: unknown, errorType: string): Promise<void> {
    await this.postError('/runtime/restore/error', error, errorType);
  }

  /** Init and restore errors: the runtime's own type in the header and the body. */
  private async postError(path: string, error: unknown, errorType: string, bodyType?: string): Promise<void> {
    const type = errorTypeHeader(errorType);
    const body = JSON.stringify(errorBody(error, bodyType ?? type));
    await this.request('POST', path, { body, expect: 202, headers: { 'Lambda-Runtime-Function-Error-Type': type } });
  }

  private async request(method: string, path: string, options: { body?: string; expect: number; fresh?: boolean; headers?: Record<string, string> }): Promise<ApiResponse> {
    const call = `${method} ${path}`;
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const connection = options.fresh ? new HttpConnection(this.host, this.port) : (this.connection ??= new HttpConnection(this.host, this.port));
    let response: HttpResponse;
    try {
      response = await connection.request(method, `/2018-06-01${path}`, headers, options.body);
    } catch (error) {
      throw new Error(`Runtime API ${call} failed: ${errorParts(error).message}`, { cause: error });
    } finally {
      if (options.fresh) connection.close();
    }
    if (response.status !== options.expect) throw new RuntimeApiError(call, response.status, response.body);
    return response;
  }
}
