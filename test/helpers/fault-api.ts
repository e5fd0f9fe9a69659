// A fault-injection Lambda Runtime API on raw node:net sockets: every byte of every answer is
// chosen by the test. By default it answers as Lambda does (events on /invocation/next, 202 on
// posts, an empty 200 on /restore/next after restore()); `respond` replaces any answer with raw
// bytes, a dropped connection, or silence. Every request is recorded with its headers, body and
// trailers, so a test can assert which endpoint got what.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { HANG_MS } from './hang.js';

export interface RawRequest {
  method: string;
  /** Without the /2018-06-01 prefix, e.g. `/runtime/invocation/ID/response`. */
  path: string;
  /** Lower-case names; repeated headers joined with ', '. */
  headers: Record<string, string>;
  /** The head as sent, byte for byte. */
  head: string;
  body: Buffer;
  chunked: boolean;
  trailers: Record<string, string>;
  /** Which TCP connection carried it (1, 2, ...). */
  connection: number;
}

/**
 * A raw answer (bytes written as they are), `close` (drop the connection), `hang` (never answer),
 * or a plan: pieces written in order (`pause` waits that many ms between them), then optionally
 * the connection closed.
 */
export type Answer = string | Buffer | 'close' | 'hang' | { pieces: Array<string | Buffer | { pause: number }>; close?: boolean };

export interface FaultApiOptions {
  /** Called for every request; return an answer to replace the default one, or undefined to keep it. */
  respond?: (request: RawRequest, api: FaultApi) => Answer | undefined;
  /** Called with every default answer (an event on /invocation/next, 202 on posts, ...) before it is written: return another to replace it. */
  transform?: (answer: string, request: RawRequest, api: FaultApi) => Answer;
  snapStart?: boolean;
}

interface QueuedEvent {
  requestId: string;
  body: string;
  headers: Record<string, string>;
}

/** `HTTP/1.1 <status>` with the headers given, a Content-Length, and the body. */
export function rawAnswer(status: number, headers: Record<string, string>, body = ''): string {
  let head = `HTTP/1.1 ${status} ${REASONS[status] ?? 'Status'}\r\n`;
  for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
  return `${head}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

const REASONS: Record<number, string> = {
  100: 'Continue',
  200: 'OK',
  202: 'Accepted',
  400: 'Bad Request',
  403: 'Forbidden',
  410: 'Gone',
  413: 'Request Entity Too Large',
  500: 'Internal Server Error',
};
const ACCEPTED = rawAnswer(202, { 'Content-Type': 'application/json' }, '{"status":"OK"}');

export class FaultApi {
  readonly requests: RawRequest[] = [];
  readonly #server: net.Server;
  readonly #sockets = new Set<net.Socket>();
  readonly #options: FaultApiOptions;
  readonly #events: QueuedEvent[] = [];
  #parkedNext: net.Socket | undefined;
  #parkedRestore: net.Socket | undefined;
  #parkedRestoreRequest: RawRequest | undefined;
  #parkedNextRequest: RawRequest | undefined;
  #restoreInvoke: QueuedEvent | undefined;
  readonly #closing = new WeakSet<net.Socket>();
  #restored = false;
  #connections = 0;
  #listeners: Array<() => void> = [];
  address = '';

  static async start(options: FaultApiOptions = {}): Promise<FaultApi> {
    const api = new FaultApi(options);
    await new Promise<void>((resolve) => api.#server.listen(0, '127.0.0.1', resolve));
    api.address = `127.0.0.1:${(api.#server.address() as net.AddressInfo).port}`;
    return api;
  }

  private constructor(options: FaultApiOptions) {
    this.#options = options;
    this.#server = net.createServer((socket) => this.#accept(socket));
  }

  /** The variables a runtime process needs to run against this API. */
  env(): Record<string, string> {
    return {
      AWS_LAMBDA_RUNTIME_API: this.address,
      AWS_LAMBDA_INITIALIZATION_TYPE: this.#options.snapStart ? 'snap-start' : 'on-demand',
      AWS_LAMBDA_FUNCTION_NAME: 'fault-function',
      AWS_LAMBDA_FUNCTION_VERSION: '1',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/fault-function',
      AWS_LAMBDA_LOG_STREAM_NAME: '2026/01/01/[1]0123456789abcdef',
      AWS_REGION: 'us-east-1',
    };
  }

  /** Queues an event; resolves with the runtime's answer for it (its /response or /error post). */
  invoke(event: unknown, headers: Record<string, string> = {}, requestId: string = randomUUID()): Promise<RawRequest> {
    this.#events.push({ requestId, body: typeof event === 'string' ? event : JSON.stringify(event), headers });
    this.#dispatch();
    return this.waitFor((request) => request.path.startsWith(`/runtime/invocation/${requestId}/`), `the answer to invoke ${requestId}`);
  }

  /** Releases the runtime parked on /restore/next with Lambda's empty 200. */
  restore(): void {
    this.#restored = true;
    this.#releaseRestore();
  }

  /** Resolves with the first recorded request (from the start) that matches. */
  waitFor(match: (request: RawRequest) => boolean, what = 'a request', timeoutMs = HANG_MS): Promise<RawRequest> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.requests.find(match);
        if (!found) return false;
        clearTimeout(timer);
        this.#listeners = this.#listeners.filter((listener) => listener !== onRequest);
        resolve(found);
        return true;
      };
      const onRequest = () => void check();
      const timer = setTimeout(() => {
        this.#listeners = this.#listeners.filter((listener) => listener !== onRequest);
        reject(
          new Error(`${timeoutMs === HANG_MS ? 'hung: ' : ''}timed out waiting for ${what}; requests: ${this.requests.map((r) => `${r.method} ${r.path}`).join(', ') || 'none'}`),
        );
      }, timeoutMs);
      // A guard: it never keeps the process alive by itself.
      timer.unref();
      if (!check()) this.#listeners.push(onRequest);
    });
  }

  /** `METHOD /path` of every request, request ids replaced by ID. */
  calls(): string[] {
    return this.requests.map((request) => `${request.method} ${request.path.replace(/invocation\/[^/]+\/(response|error)$/, 'invocation/ID/$1')}`);
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Resolves once every connection the runtime opened has closed, so all it sent has been read. */
  async drained(): Promise<void> {
    await Promise.all([...this.#sockets].map((socket) => new Promise((resolve) => socket.once('close', resolve))));
  }

  #accept(socket: net.Socket): void {
    const connection = ++this.#connections;
    this.#sockets.add(socket);
    socket.on('close', () => {
      this.#sockets.delete(socket);
      if (this.#parkedNext === socket) this.#parkedNext = undefined;
    });
    socket.on('error', () => undefined);
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      if (this.#closing.has(socket)) return;
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const parsed = parseRequest(buffer, connection);
        if (!parsed) return;
        buffer = buffer.subarray(parsed.size);
        this.#handle(socket, parsed.request);
      }
    });
  }

  #handle(socket: net.Socket, request: RawRequest): void {
    this.requests.push(request);
    for (const listener of [...this.#listeners]) listener();
    const answer = this.#options.respond?.(request, this);
    if (answer !== undefined) return this.#write(socket, answer);
    const { method, path } = request;
    if (method === 'GET' && path === '/runtime/invocation/next') {
      this.#parkedNext = socket;
      this.#parkedNextRequest = request;
      return this.#dispatch();
    }
    if (method === 'GET' && path === '/runtime/restore/next') {
      if (!this.#options.snapStart) return this.#write(socket, rawAnswer(404, {}, ''));
      if (this.requests.some((r) => r.path === '/runtime/invocation/next')) {
        return this.#write(
          socket,
          rawAnswer(403, { 'Content-Type': 'application/json' }, '{"errorMessage":"State transition from Ready to RestoreReady failed","errorType":"InvalidStateTransition"}'),
        );
      }
      this.#parkedRestore = socket;
      this.#parkedRestoreRequest = request;
      return this.#releaseRestore();
    }
    if (method === 'POST') return this.#answer(socket, request, ACCEPTED);
    this.#answer(socket, request, rawAnswer(404, {}, ''));
  }

  /** A default answer, through the `transform` option. */
  #answer(socket: net.Socket, request: RawRequest, answer: string): void {
    this.#write(socket, this.#options.transform ? this.#options.transform(answer, request, this) : answer);
  }

  #write(socket: net.Socket, answer: Answer): void {
    if (answer === 'hang') return;
    if (answer === 'close') return void socket.destroy();
    if (typeof answer === 'string' || Buffer.isBuffer(answer)) return void socket.write(answer);
    // A server that closes after this answer reads no further request on the connection (as Go's net/http, RAPID's, does).
    if (answer.close) this.#closing.add(socket);
    void (async () => {
      for (const piece of answer.pieces) {
        if (socket.destroyed) return;
        if (typeof piece === 'object' && 'pause' in piece) await new Promise((resolve) => setTimeout(resolve, piece.pause));
        else socket.write(piece);
      }
      if (answer.close) socket.end();
    })();
  }

  /** Answers the runtime parked on /restore/next with this invoke instead of the empty 200 (RAPID re-running init inside an invoke). */
  restoreWithInvoke(event: unknown, requestId: string, headers: Record<string, string> = {}): Promise<RawRequest> {
    this.#restoreInvoke = { requestId, body: JSON.stringify(event), headers };
    this.restore();
    return this.waitFor((request) => request.path.startsWith(`/runtime/invocation/${requestId}/`), `the answer to invoke ${requestId}`);
  }

  #releaseRestore(): void {
    if (!this.#restored || !this.#parkedRestore) return;
    const invoke = this.#restoreInvoke;
    this.#answer(this.#parkedRestore, this.#parkedRestoreRequest!, invoke ? eventAnswer(invoke) : rawAnswer(200, {}, ''));
    this.#parkedRestore = undefined;
  }

  #dispatch(): void {
    const socket = this.#parkedNext;
    if (!socket || this.#events.length === 0) return;
    const event = this.#events.shift()!;
    this.#parkedNext = undefined;
    this.#answer(socket, this.#parkedNextRequest!, eventAnswer(event));
  }
}

/** The answer to /invocation/next (or /restore/next) that carries an event, with Lambda's headers. */
function eventAnswer(event: QueuedEvent): string {
  return rawAnswer(
    200,
    {
      'Content-Type': 'application/json',
      'Lambda-Runtime-Aws-Request-Id': event.requestId,
      'Lambda-Runtime-Deadline-Ms': String(Date.now() + 30_000),
      'Lambda-Runtime-Invoked-Function-Arn': 'arn:aws:lambda:us-east-1:123456789012:function:fault-function',
      'Lambda-Runtime-Trace-Id': 'Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1',
      ...event.headers,
    },
    event.body,
  );
}

/** One request from the front of `buffer`, or undefined while it is incomplete. */
function parseRequest(buffer: Buffer, connection: number): { request: RawRequest; size: number } | undefined {
  const headEnd = buffer.indexOf('\r\n\r\n');
  if (headEnd < 0) return undefined;
  const head = buffer.toString('latin1', 0, headEnd);
  const [requestLine, ...lines] = head.split('\r\n');
  const [method, target] = requestLine.split(' ');
  const headers = headerMap(lines);
  let offset = headEnd + 4;
  let body = Buffer.alloc(0);
  const trailers: Record<string, string> = {};
  const chunked = /chunked/i.test(headers['transfer-encoding'] ?? '');
  if (chunked) {
    const parts: Buffer[] = [];
    for (;;) {
      const lineEnd = buffer.indexOf('\r\n', offset);
      if (lineEnd < 0) return undefined;
      const size = parseInt(buffer.toString('latin1', offset, lineEnd), 16);
      if (size === 0) {
        // Trailer lines up to an empty line.
        let at = lineEnd + 2;
        for (;;) {
          const end = buffer.indexOf('\r\n', at);
          if (end < 0) return undefined;
          if (end === at) break;
          Object.assign(trailers, headerMap([buffer.toString('latin1', at, end)]));
          at = end + 2;
        }
        offset = at + 2;
        break;
      }
      if (buffer.length < lineEnd + 2 + size + 2) return undefined;
      parts.push(buffer.subarray(lineEnd + 2, lineEnd + 2 + size));
      offset = lineEnd + 2 + size + 2;
    }
    body = Buffer.concat(parts);
  } else {
    const length = Number(headers['content-length'] ?? 0);
    if (buffer.length < offset + length) return undefined;
    body = Buffer.from(buffer.subarray(offset, offset + length));
    offset += length;
  }
  const path = (target ?? '').replace(/^\/2018-06-01/, '').split('?')[0];
  return { request: { method, path, headers, head, body, chunked, trailers, connection }, size: offset };
}

function headerMap(lines: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  return headers;
}

export interface RuntimeUnderTest {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** The bytes written to descriptor 3 (the telemetry descriptor, with `telemetryFd`). */
  telemetry(): Buffer;
  /** Settles with the exit code (or the signal's name) once the process has exited. */
  exited: Promise<number | string>;
  stop(): Promise<void>;
}

/** Starts `node <args>` against the API, with Lambda's variables and `env` on top. */
export function startRuntime(
  api: FaultApi,
  args: string[],
  env: Record<string, string | undefined> = {},
  command = process.execPath,
  options: { telemetryFd?: boolean } = {},
): RuntimeUnderTest {
  const merged: Record<string, string> = {};
  // Nothing of this machine's AWS or Lambda setup leaks in: the API's variables, then the test's.
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined && !/^(AWS_|LAMBDA_|_HANDLER$|_X_AMZN|_LAMBDA)/.test(name)) merged[name] = value;
  Object.assign(merged, api.env());
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete merged[name];
    else merged[name] = value;
  }
  const child = spawn(command, args, { env: merged, stdio: options.telemetryFd ? ['ignore', 'pipe', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const telemetry: Buffer[] = [];
  (child.stdio[3] as NodeJS.ReadableStream | null)?.on('data', (chunk: Buffer) => telemetry.push(chunk));
  child.stdout!.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr!.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exited = new Promise<number | string>((resolve) => child.on('close', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  child.on('error', () => undefined);
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    telemetry: () => Buffer.concat(telemetry),
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** The JSON body of a recorded post. */
export function jsonBody(request: RawRequest): any {
  return JSON.parse(request.body.toString('utf8'));
}
