// A minimal HTTP/1.1 client for the Runtime API, on node:net. Measured against node:http it
// answers an invoke in about a third of the time in a fresh process (bench/lifecycle.mjs),
// which is what a Lambda environment mostly is. It does only what the Runtime API needs: one
// request at a time on a keep-alive connection; answers with Content-Length, chunked, or up to
// the end of the connection; request bodies with Content-Length, or chunked with trailers (streamed
// responses). No timeouts: the Runtime API's long polls may block for days.
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

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  /** Sends one request after the previous one has been answered. */
  request(method: string, path: string, headers: Record<string, string | number>, body = ''): Promise<HttpResponse> {
    const result = this.queue.then(() => this.send(method, path, headers, body));
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

  private send(method: string, path: string, headers: Record<string, string | number>, body: string): Promise<HttpResponse> {
    const socket = this.connect();
    const response = this.expectResponse();
    socket.write(`${this.head(method, path, headers)}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    return response;
  }

  private head(method: string, path: string, headers: Record<string, string | number>): string {
    const host = this.host.includes(':') ? `[${this.host}]` : this.host; // IPv6 goes in brackets
    let head = `${method} ${path} HTTP/1.1\r\nHost: ${host}:${this.port}\r\n`;
    for (const name in headers) head += `${name}: ${headers[name]}\r\n`;
    return head;
  }

  /** The next response read from the connection. */
  private expectResponse(): Promise<HttpResponse> {
    return new Promise((resolve, reject) => {
      this.parser = new ResponseParser((error, response) => {
        this.parser = undefined;
        if (error) {
          this.close();
          reject(error);
          return;
        }
        if (response!.headers.connection === 'close') this.close();
        resolve(response!);
      });
    });
  }

  private connect(): net.Socket {
    if (this.socket && !this.socket.destroyed) return this.socket;
    const socket = net.connect(this.port, this.host);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.parser?.push(chunk));
    socket.on('end', () => {
      if (this.socket === socket) this.socket = undefined;
      this.parser?.end();
    });
    socket.on('error', (error) => {
      if (this.socket === socket) this.socket = undefined;
      this.parser?.fail(error);
    });
    this.socket = socket;
    return socket;
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

  constructor(private readonly done: Done) {}

  push(chunk: Buffer): void {
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
    else this.fail(new Error('the connection closed before the response was complete'));
  }

  fail(error: Error): void {
    if (this.finished) return;
    this.finished = true;
    this.done(error);
  }

  private readHead(): boolean {
    const end = this.buffer.indexOf('\r\n\r\n');
    if (end < 0) return false;
    const [statusLine, ...lines] = this.buffer.toString('latin1', 0, end).split('\r\n');
    const match = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
    if (!match) throw new Error(`not an HTTP response: ${statusLine.slice(0, 80)}`);
    this.status = Number(match[1]);
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
      const size = parseInt(this.buffer.toString('latin1', 0, lineEnd), 16);
      if (Number.isNaN(size)) throw new Error('malformed chunked body');
      if (size === 0) {
        this.finish(); // trailers, if any, are not used by the Runtime API
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
