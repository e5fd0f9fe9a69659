import { randomBytes } from 'node:crypto';

/** An X-Ray trace header value in the shape Lambda sends in `Lambda-Runtime-Trace-Id`. */
export function newTraceId(now: number = Date.now()): string {
  const epochSeconds = Math.floor(now / 1000)
    .toString(16)
    .padStart(8, '0');
  const root = `1-${epochSeconds}-${randomBytes(12).toString('hex')}`;
  return `Root=${root};Parent=${randomBytes(8).toString('hex')};Sampled=0`;
}
