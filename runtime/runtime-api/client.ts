// A client for Lambda's Runtime API (reference: lambda-snapstart.md §2-§4), on the minimal
// HTTP/1.1 client of http.ts. The two blocking calls (/restore/next, /invocation/next)
// have no timeout. No connection opened before the snapshot is reused after the restore:
// /restore/next uses a connection of its own, and the keep-alive connection for the invoke
// loop is opened after the restore.
// Rules, each with its reason:
// - every request carries a User-Agent, `product/version` as the official clients send it
//   (aws-lambda-ric's native client sends `AWS_Lambda_Cpp/<version>`);
// - /invocation/next: any 2xx with a request id is an invoke (ric's native client accepts 2xx);
//   its `Lambda-Runtime-Invocation-Id` (Runtime API, July 2026) is echoed on that invoke's
//   /response and /error, so that Lambda can tell a late answer from a current one;
// - /restore/next may be answered with an invoke (RAPID re-running init inside an invoke): it is
//   kept and is the next /invocation/next's answer, never thrown away;
// - the answers to /response and /error are returned, not thrown: the invoke loop decides (4xx
//   is recoverable, 410 means the invoke is gone);
// - the X-Ray cause header is dropped above 1 MiB, as AWS's Java client drops it, so that RAPID
//   never refuses the whole post (431) for a header it only forwards to X-Ray; should it answer 431
//   all the same (its limit counts every header), the error is posted again without the cause.
import { errorParts, formatError, isError } from '../invoke/format-error.js';
import { xrayErrorCause } from './xray-cause.js';
import { HttpConnection, type ChunkedRequest, type HttpResponse } from './http.js';
import { USER_AGENT } from './user-agent.js';

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
  /** `Lambda-Runtime-Invocation-Id`, to echo on the answer, when Lambda sent one. */
  invocationId?: string;
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
export function errorBody(error: unknown, errorType?: string, errorMessage?: string): ErrorBody {
  const { name, message } = errorParts(error);
  const stack = isError(error) ? formatError(error).split('\n') : [];
  return { errorType: errorType ?? name, errorMessage: errorMessage ?? message, stackTrace: stack, trace: stack };
}

/** The header for an error post: a valid Lambda error type, else Runtime.Unknown. */
export function errorTypeHeader(errorType: string): string {
  return ERROR_TYPE.test(errorType) ? errorType : 'Runtime.Unknown';
}

/** The header that echoes an invoke's `Lambda-Runtime-Invocation-Id` on its answer. */
export const INVOCATION_ID_HEADER = 'Lambda-Runtime-Invocation-Id';
const XRAY_CAUSE_HEADER = 'Lambda-Runtime-Function-XRay-Error-Cause';
/** Above this, the X-Ray cause header is dropped (AWS's Java client's limit); a 431 answer drops it too. */
export const MAX_XRAY_CAUSE_BYTES = 1024 * 1024;

export const STREAMING_ERROR_TYPE_TRAILER = 'Lambda-Runtime-Function-Error-Type';
export const STREAMING_ERROR_BODY_TRAILER = 'Lambda-Runtime-Function-Error-Body';

export class RuntimeApiClient {
  private readonly host: string;
  private readonly port: number;
  private connection: HttpConnection | undefined;
  /** Streamed responses go on a keep-alive connection of their own, as the official client's do. */
  private streamingConnection: HttpConnection | undefined;
  /** An invoke that came as the answer to /restore/next, served before asking for another. */
  private pending: Invocation | undefined;

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

  /** Blocks across the snapshot; answers once this environment is restored (with an invoke, when RAPID sends one). */
  async restoreNext(): Promise<void> {
    const response = await this.request('GET', '/runtime/restore/next', { expect: 200, fresh: true });
    if (response.headers['lambda-runtime-aws-request-id'] !== undefined) this.pending = invocationOf(response);
  }

  async nextInvocation(): Promise<Invocation> {
    const pending = this.pending;
    this.pending = undefined;
    if (pending) return pending;
    const response = await this.request('GET', '/runtime/invocation/next', { expect: 2 });
    if (typeof response.headers['lambda-runtime-aws-request-id'] !== 'string')
      throw new RuntimeApiError('GET /runtime/invocation/next (no Lambda-Runtime-Aws-Request-Id)', response.status, response.body);
    return invocationOf(response);
  }

  /** Posts a result; Lambda's answer is returned whatever its status (the caller decides). */
  invocationResponse(invocation: Invocation, body: string): Promise<ApiResponse> {
    return this.request('POST', `/runtime/invocation/${encodeURIComponent(invocation.requestId)}/response`, { body, headers: echo(invocation) });
  }

  /**
   * Starts a streamed response (Lambda's streaming mode: chunked body, errors as trailers).
   * Resolves once the head is sent; the request's `response` settles with Lambda's answer.
   */
  beginStreamingResponse(invocation: Invocation, contentType: string): Promise<ChunkedRequest> {
    this.streamingConnection ??= this.connect();
    return this.streamingConnection.beginChunked('POST', `/2018-06-01/runtime/invocation/${encodeURIComponent(invocation.requestId)}/response`, {
      ...echo(invocation),
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
  async invocationError(invocation: Invocation, error: unknown, errorType: string, options: { bodyType?: string; fresh?: boolean; message?: string } = {}): Promise<ApiResponse> {
    const headers: Record<string, string> = { ...echo(invocation), 'Lambda-Runtime-Function-Error-Type': errorTypeHeader(errorType) };
    const cause = xrayErrorCause(error);
    if (cause && Buffer.byteLength(cause) <= MAX_XRAY_CAUSE_BYTES) headers[XRAY_CAUSE_HEADER] = cause;
    const body = JSON.stringify(errorBody(error, options.bodyType, options.message));
    const path = `/runtime/invocation/${encodeURIComponent(invocation.requestId)}/error`;
    const response = await this.request('POST', path, { body, headers, fresh: options.fresh });
    if (response.status !== 431 || !headers[XRAY_CAUSE_HEADER]) return response;
    // Header fields too large: the X-Ray cause is only forwarded to X-Ray, the error itself must get through.
    delete headers[XRAY_CAUSE_HEADER];
    return this.request('POST', path, { body, headers, fresh: options.fresh });
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
    await this.request('POST', path, { body, expect: 2, headers: { 'Lambda-Runtime-Function-Error-Type': type } });
  }

  private connect(): HttpConnection {
    return new HttpConnection(this.host, this.port, { 'User-Agent': USER_AGENT });
  }

  /** `expect`: the status (200), or its class (2 for any 2xx); without it, any answer is returned. */
  private async request(method: string, path: string, options: { body?: string; expect?: number; fresh?: boolean; headers?: Record<string, string> }): Promise<ApiResponse> {
    const call = `${method} ${path}`;
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const connection = options.fresh ? this.connect() : (this.connection ??= this.connect());
    let response: HttpResponse;
    try {
      response = await connection.request(method, `/2018-06-01${path}`, headers, options.body);
    } catch (error) {
      throw new Error(`Runtime API ${call} failed: ${errorParts(error).message}`, { cause: error });
    } finally {
      if (options.fresh) connection.close();
    }
    const { expect } = options;
    if (expect !== undefined && response.status !== expect && Math.floor(response.status / 100) !== expect) throw new RuntimeApiError(call, response.status, response.body);
    return response;
  }
}

function invocationOf(response: ApiResponse): Invocation {
  const { headers } = response;
  return { requestId: headers['lambda-runtime-aws-request-id'], invocationId: headers['lambda-runtime-invocation-id'], body: response.body, headers };
}

/** The invoke's Lambda-Runtime-Invocation-Id, echoed on its answer (none when Lambda sent none). */
function echo(invocation: Invocation): Record<string, string> {
  return invocation.invocationId === undefined ? {} : { [INVOCATION_ID_HEADER]: invocation.invocationId };
}
