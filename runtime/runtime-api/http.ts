// A minimal HTTP/1.1 client for the Runtime API, on node:net. Measured against node:http it
// answers an invoke in about a third of the time in a fresh process (bench/lifecycle.mjs),
// which is what a Lambda environment mostly is. It does only what the Runtime API needs: one
// request at a time on a keep-alive connection; answers with Content-Length, chunked (extensions
// and trailers read and dropped), or up to the end of the connection, after any interim 1xx
// answers; request bodies with Content-Length, or chunked with trailers (streamed responses).
// No timeouts: the Runtime API's long polls may block for days.
// A request sent on a reused keep-alive connection that the server closes before a byte of the
// answer arrives is sent once more on a fresh connection, as libcurl (aws-lambda-ric's native
// client) does: the server closed an idle connection as the request went out.
// An idle connection does not keep the process alive (unref), so that Node.js can tell when a
// handler has nothing left to run ('beforeExit'); a request in flight does.
import net from 'node:net';

export interface HttpResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}

export class HttpConnection {
  private socket: net.Socket | undefined;
  private parser: ResponseParser | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  /** Answers read on the current socket: a failure on a reused one is retried once. */
  private answered = 0;

  constructor(
    private readonly host: string,
    private readonly port: number,
    /** Headers sent with every request (User-Agent). */
    private readonly common: Record<string, string> = {},
  ) {}

  /** Sends one request after the previous one has been answered. */
  request(method: string, path: string, headers: Record<string, string | number>, body = ''): Promise<HttpResponse> {
    const result = this.queue.then(() => this.sendWithRetry(method, path, headers, body));
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Closes the connection; the next request opens a new one. */
  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }

  /**
   * Starts a request whose body follows in chunks (Transfer-Encoding: chunked), after the previous
   * one has been answered: for streamed responses. Resolves when the socket is ours; the head goes out with the first chunk.
   */
  beginChunked(method: string, path: string, headers: Record<string, string | number>): Promise<ChunkedRequest> {
    const started = this.queue.then(() => {
      const socket = this.connect();
      const response = this.expectResponse();
      // The head goes out with the first chunk, in one write.
      return new ChunkedRequest(socket, response, `${this.head(method, path, headers)}Transfer-Encoding: chunked\r\n\r\n`);
    });
    this.queue = started.then((request) => request.response).catch(() => undefined);
    return started;
  }

  private async sendWithRetry(method: string, path: string, headers: Record<string, string | number>, body: string): Promise<HttpResponse> {
    const reused = this.socket !== undefined && !this.socket.destroyed && this.answered > 0;
    try {
      return await this.send(method, path, headers, body);
    } catch (error) {
      if (!reused || !(error instanceof ConnectionClosed) || error.gotBytes) throw error;
      this.close();
      return this.send(method, path, headers, body);
    }
  }

  private send(method: string, path: string, headers: Record<string, string | number>, body: string): Promise<HttpResponse> {
    const socket = this.connect();
    const response = this.expectResponse();
    socket.write(`${this.head(method, path, headers)}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    return response;
  }

  private head(method: string, path: string, headers: Record<string, string | number>): string {
    const host = this.host.includes(':') ? `[${this.host}]` : this.host; // IPv6 goes in brackets
    let head = `${method} ${path} HTTP/1.1\r\nHost: ${host}:${this.port}\r\n`;
    for (const name in this.common) head += `${name}: ${this.common[name]}\r\n`;
    for (const name in headers) head += `${name}: ${headers[name]}\r\n`;
    return head;
  }

  /** The next response read from the connection. */
  private expectResponse(): Promise<HttpResponse> {
    const socket = this.socket!;
    socket.ref();
    return new Promise((resolve, reject) => {
      this.parser = new ResponseParser((error, response) => {
        this.parser = undefined;
        if (error) {
          this.close();
          reject(error);
          return;
        }
        this.answered++;
        if (response!.headers.connection?.toLowerCase() === 'close') this.close();
        else socket.unref();
        resolve(response!);
      });
    });
  }

  private connect(): net.Socket {
    if (this.socket && !this.socket.destroyed) return this.socket;
    const socket = net.connect(this.port, this.host);
    this.answered = 0;
    socket.setNoDelay(true);
    // Events of a socket this connection has already let go of are not its business.
    const current = () => this.socket === socket;
    socket.on('data', (chunk: Buffer) => {
      if (current()) this.parser?.push(chunk);
    });
    const ended = (error?: Error) => {
      if (!current()) return;
      this.socket = undefined;
      if (error) this.parser?.fail(new ConnectionClosed(`the connection failed: ${error.message}`, this.parser.gotBytes, { cause: error }));
      else this.parser?.end();
    };
    socket.on('end', () => ended());
    socket.on('error', (error) => ended(error));
    socket.on('close', () => ended());
    this.socket = socket;
    return socket;
  }
}

/** The connection closed (or failed) before the answer was complete; `gotBytes` when some of it had arrived. */
export class ConnectionClosed extends Error {
  constructor(
    message: string,
    readonly gotBytes: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The body of a request being sent in chunks; `response` settles with the server's answer. */
export class ChunkedRequest {
  constructor(
    private readonly socket: net.Socket,
    readonly response: Promise<HttpResponse>,
    private head: string,
  ) {
    response.catch(() => undefined); // read by the caller when it is done writing
  }

  /** Writes one chunk; false when the socket's buffer is full (then wait for `drained()`). */
  write(chunk: Uint8Array | string): boolean {
    const size = typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
    if (size === 0) return true; // an empty chunk would end the body
    this.socket.cork();
    this.socket.write(`${this.head}${size.toString(16)}\r\n`);
    this.head = '';
    this.socket.write(chunk);
    const ok = this.socket.write('\r\n');
    this.socket.uncork();
    return ok;
  }

  /** Calls `done` once the socket has taken what was written (or has closed: the response then carries the failure). */
  drained(done: () => void): void {
    if (this.socket.destroyed) return done();
    const once = () => {
      this.socket.off('drain', once);
      this.socket.off('close', once);
      done();
    };
    this.socket.on('drain', once);
    this.socket.on('close', once);
  }

  /** Ends the body, with trailers (names and values must be valid header text). */
  end(trailers: Record<string, string> = {}): void {
    let tail = `${this.head}0\r\n`;
    this.head = '';
    for (const name in trailers) tail += `${name}: ${trailers[name]}\r\n`;
    this.socket.write(`${tail}\r\n`);
  }
}

type Done = (error: Error | undefined, response?: HttpResponse) => void;

/** Reads one response from the bytes of a connection, as they arrive. */
class ResponseParser {
  private buffer: Buffer = Buffer.alloc(0);
  private status = 0;
  private headers: Record<string, string> = {};
  /** Undefined while reading the head; then how the body ends. */
  private framing: { length: number } | { chunked: true } | { toEnd: true } | undefined;
  private parts: Buffer[] = [];
  private received = 0;
  private finished = false;
  /** Some of the answer has arrived (a request is then never sent again). */
  gotBytes = false;

  constructor(private readonly done: Done) {}

  push(chunk: Buffer): void {
    this.gotBytes = true;
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    try {
      if (!this.framing && !this.readHead()) return;
      if (this.framing && 'length' in this.framing) this.readLength(this.framing.length);
      else if (this.framing && 'chunked' in this.framing) this.readChunks();
      else this.take(this.buffer.length);
    } catch (error) {
      this.fail(error as Error);
    }
  }

  /** The server closed the connection: that ends a body without a length, and fails any other. */
  end(): void {
    if (this.framing && 'toEnd' in this.framing) this.finish();
    else this.fail(new ConnectionClosed('the connection closed before the response was complete', this.gotBytes));
  }

  fail(error: Error): void {
    if (this.finished) return;
    this.finished = true;
    this.done(error);
  }

  private readHead(): boolean {
    let end: number;
    let statusLine: string;
    let lines: string[];
    // Interim answers (100 Continue, 102, 103) come before the real one: skipped.
    for (;;) {
      end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return false;
      [statusLine, ...lines] = this.buffer.toString('latin1', 0, end).split('\r\n');
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
      if (!match) throw new Error(`not an HTTP response: ${statusLine.slice(0, 80)}`);
      this.status = Number(match[1]);
      if (this.status >= 200 || this.status === 101) break;
      this.buffer = this.buffer.subarray(end + 4);
    }
    for (const line of lines) {
      const colon = line.indexOf(':');
      if (colon > 0) this.headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    this.buffer = this.buffer.subarray(end + 4);
    const length = this.headers['content-length'];
    if (/chunked/i.test(this.headers['transfer-encoding'] ?? '')) this.framing = { chunked: true };
    else if (length !== undefined) {
      // Anything but digits would leave the body without an end: the client would wait forever.
      if (!/^\d+$/.test(length)) throw new Error(`the Runtime API answered ${this.status} with a malformed Content-Length header: ${JSON.stringify(length.slice(0, 40))}`);
      this.framing = { length: Number(length) };
    } else if (this.status === 204 || this.status === 304) this.framing = { length: 0 };
    else this.framing = { toEnd: true };
    return true;
  }

  private readLength(length: number): void {
    this.take(Math.min(this.buffer.length, length - this.received));
    if (this.received >= length) this.finish();
  }

  private readChunks(): void {
    for (;;) {
      const lineEnd = this.buffer.indexOf('\r\n');
      if (lineEnd < 0) return;
      // `size[;extension]`: the extension is dropped.
      const sizeText = this.buffer.toString('latin1', 0, lineEnd).split(';')[0].trim();
      if (!/^[0-9a-fA-F]+$/.test(sizeText)) throw new Error(`malformed chunked body: chunk size ${JSON.stringify(sizeText.slice(0, 20))}`);
      const size = parseInt(sizeText, 16);
      if (size === 0) {
        // Trailer lines up to an empty line are read (so that the next answer starts clean) and dropped.
        const blank = this.buffer.indexOf('\r\n\r\n', lineEnd);
        if (blank < 0) return;
        const tailEnd = blank + 4;
        this.buffer = this.buffer.subarray(tailEnd);
        this.finish();
        return;
      }
      if (this.buffer.length < lineEnd + 2 + size + 2) return;
      this.buffer = this.buffer.subarray(lineEnd + 2);
      this.take(size);
      this.buffer = this.buffer.subarray(2);
    }
  }

  /** Moves `count` bytes from the buffer to the body. */
  private take(count: number): void {
    this.parts.push(this.buffer.subarray(0, count));
    this.received += count;
    this.buffer = this.buffer.subarray(count);
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.done(undefined, { status: this.status, headers: this.headers, body: Buffer.concat(this.parts).toString('utf8') });
  }
}
