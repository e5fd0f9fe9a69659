// A client for Lambda's Runtime API (reference: lambda-snapstart.md §2-§4), on the minimal
// HTTP/1.1 client of http-client.ts. The two blocking calls (/restore/next, /invocation/next)
// have no timeout. No connection opened before the snapshot is reused after the restore:
// /restore/next uses a connection of its own, and the keep-alive connection for the invoke
// loop is opened after the restore.
import { formatError } from '../invoke/format-error.js';
import { HttpConnection, type HttpResponse } from './http.js';

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

export function errorBody(error: unknown, errorType: string): ErrorBody {
  const stack = formatError(error).split('\n');
  return {
    errorType,
    errorMessage: error instanceof Error ? error.message : String(error),
    stackTrace: stack,
    trace: stack,
  };
}


export class RuntimeApiClient {
  private readonly host: string;
  private readonly port: number;
  private connection: HttpConnection | undefined;

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
    await this.request('POST', `/runtime/invocation/${requestId}/response`, { body, expect: 202 });
  }

  async invocationError(requestId: string, error: unknown, errorType: string): Promise<void> {
    await this.postError(`/runtime/invocation/${requestId}/error`, error, errorType);
  }

  async initError(error: unknown, errorType: string): Promise<void> {
    await this.postError('/runtime/init/error', error, errorType);
  }

  async restoreError(error: unknown, errorType: string): Promise<void> {
    await this.postError('/runtime/restore/error', error, errorType);
  }

  private async postError(path: string, error: unknown, errorType: string): Promise<void> {
    const type = ERROR_TYPE.test(errorType) ? errorType : 'Runtime.Unknown';
    const body = JSON.stringify(errorBody(error, type));
    await this.request('POST', path, { body, expect: 202, headers: { 'Lambda-Runtime-Function-Error-Type': type } });
  }

  private async request(
    method: string,
    path: string,
    options: { body?: string; expect: number; fresh?: boolean; headers?: Record<string, string> },
  ): Promise<ApiResponse> {
    const call = `${method} ${path}`;
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const connection = options.fresh ? new HttpConnection(this.host, this.port) : (this.connection ??= new HttpConnection(this.host, this.port));
    let response: HttpResponse;
    try {
      response = await connection.request(method, `/2018-06-01${path}`, headers, options.body);
    } catch (error) {
      throw new Error(`Runtime API ${call} failed: ${(error as Error).message}`, { cause: error });
    } finally {
      if (options.fresh) connection.close();
    }
    if (response.status !== options.expect) throw new RuntimeApiError(call, response.status, response.body);
    return response;
  }
}
