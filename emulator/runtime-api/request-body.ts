import type { IncomingMessage } from 'node:http';

export interface RequestBody {
  /** The bytes read, at most `limitBytes` of them. */
  body: Buffer;
  /** True when the client sent more than `limitBytes`; the rest was read and dropped. */
  tooLarge: boolean;
}

/**
 * Reads a request body, keeping at most `limitBytes`. The whole body is always consumed, so that
 * the client can read our answer (a 413 included) instead of failing on a half-sent request.
 */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<RequestBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limitBytes) chunks.push(chunk);
    });
    req.on('end', () => resolve({ body: Buffer.concat(chunks), tooLarge: size > limitBytes }));
    req.on('error', reject);
  });
}
