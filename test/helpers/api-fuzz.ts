// A Runtime API fuzzer: generated answers and connection events per endpoint (status codes, interim
// answers, headers, framing, pieces and pauses, closes, sizes) on the fault-injection Runtime API.
// A case is drawn from a seed and fixed before it runs, so that two runtimes meet exactly the same
// answers: the peers suite runs each case under the bootstrap and aws-lambda-ric, the normal suite
// under the bootstrap alone. FUZZ_CASES=N and FUZZ_SEED=S for longer runs.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './bundle.js';
import { FaultApi, startRuntime, type Answer, type RawRequest } from './fault-api.js';
import { withinHang } from './hang.js';
import { random } from './handler-cases.js';

export type Endpoint = 'next' | 'response' | 'error';

/** What happens to one answer; every number in it was drawn when the case was made. */
export type Mutation =
  | { kind: 'status'; status: number }
  | { kind: 'interim'; statuses: number[] }
  | { kind: 'chunked'; cuts: number[]; extension: boolean; trailers: boolean }
  | { kind: 'untilClose' }
  | { kind: 'closeAfter' }
  | { kind: 'drop' }
  | { kind: 'pieces'; cuts: number[]; pauseMs: number }
  | { kind: 'headers'; extra: Array<[string, string]> }
  | { kind: 'connectionClose' };

export interface Fault {
  endpoint: Endpoint;
  /** Which request to that endpoint (1 = the first). */
  occurrence: number;
  mutation: Mutation;
}

export interface FuzzInvoke {
  id: string;
  /** The event; `fail: true` makes the handler throw (so /error is exercised). */
  event: { i: number; fail: boolean; pad: string };
  headers: Record<string, string>;
}

export interface FuzzCase {
  id: string;
  /** A streaming handler (awslambda.streamifyResponse): its /response is a chunked POST, its errors trailers. */
  streaming: boolean;
  faults: Fault[];
  invokes: FuzzInvoke[];
}

const POST_STATUSES = [200, 201, 202, 204, 400, 403, 404, 409, 410, 413, 429, 500, 502, 503];
const NEXT_STATUSES = [200, 201, 203, 400, 403, 404, 410, 429, 500, 502];
const KINDS: Mutation['kind'][] = ['status', 'interim', 'chunked', 'untilClose', 'closeAfter', 'drop', 'pieces', 'headers', 'connectionClose'];
const SIZES = [0, 10, 4096, 65_536, 1024 * 1024];

function pick<T>(next: () => number, values: readonly T[]): T {
  return values[Math.floor(next() * values.length)];
}

function cuts(next: () => number, count: number): number[] {
  return Array.from({ length: count }, () => next()).sort();
}

function mutation(next: () => number, endpoint: Endpoint): Mutation {
  const kind = pick(next, KINDS);
  switch (kind) {
    case 'status':
      return { kind, status: pick(next, endpoint === 'next' ? NEXT_STATUSES : POST_STATUSES) };
    case 'interim':
      return { kind, statuses: Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(next, [100, 102, 103])) };
    case 'chunked':
      return { kind, cuts: cuts(next, Math.floor(next() * 4)), extension: next() < 0.5, trailers: next() < 0.5 };
    case 'pieces':
      return { kind, cuts: cuts(next, 1 + Math.floor(next() * 4)), pauseMs: Math.floor(next() * 4) };
    case 'headers':
      return {
        kind,
        extra: Array.from({ length: 1 + Math.floor(next() * 4) }, (_, i) => [
          pick(next, ['X-Amzn-Extra', 'x-lower', 'X-UPPER', 'Cache-Control', 'Date']) + (i || ''),
          'v'.repeat(pick(next, [0, 1, 100, 8192])),
        ]),
      };
    default:
      return { kind };
  }
}

/** The case at `index` of the run seeded `seed`. */
export function generateFuzzCase(seed: number, index: number): FuzzCase {
  const next = random(seed * 100_003 + index);
  const faults: Fault[] = Array.from({ length: 1 + Math.floor(next() * 3) }, () => {
    const endpoint = pick(next, ['next', 'response', 'error'] as const);
    return { endpoint, occurrence: 1 + Math.floor(next() * 2), mutation: mutation(next, endpoint) };
  });
  const invokes = [1, 2, 3].map((i) => ({
    id: `fuzz-${index}-${i}`,
    event: { i, fail: i < 3 && next() < 0.5, pad: 'p'.repeat(pick(next, SIZES)) },
    headers: (next() < 0.5 ? { 'Lambda-Runtime-Invocation-Id': `inv-${index}-${i}` } : {}) as Record<string, string>,
  }));
  const streaming = next() < 0.3;
  const describe = (fault: Fault) => `${fault.endpoint}#${fault.occurrence} ${fault.mutation.kind}${'status' in fault.mutation ? ` ${fault.mutation.status}` : ''}`;
  return { id: `${index}: ${streaming ? 'streaming, ' : ''}${faults.map(describe).join(', ')}`, streaming, faults, invokes };
}

/** An answer as `mutation` makes it (the default answer is a Content-Length one). */
export function mutate(answer: string, mutation: Mutation): Answer {
  const split = answer.indexOf('\r\n\r\n');
  const head = answer.slice(0, split);
  const body = answer.slice(split + 4);
  const withoutLength = head.replace(/\r\nContent-Length: \d+/i, '');
  const at = (fractions: number[], text: string) => fractions.map((fraction) => Math.floor(fraction * text.length));
  switch (mutation.kind) {
    case 'status':
      return head.replace(/^HTTP\/1\.1 \d{3} [^\r]*/, `HTTP/1.1 ${mutation.status} Status`) + `\r\n\r\n${body}`;
    case 'interim':
      return mutation.statuses.map((status) => `HTTP/1.1 ${status} Interim\r\n${status === 103 ? 'Link: </a>; rel=preload\r\n' : ''}\r\n`).join('') + answer;
    case 'chunked': {
      const bytes = Buffer.from(body, 'utf8');
      const points = [0, ...at(mutation.cuts, bytes.toString('latin1')), bytes.length];
      let framed = '';
      for (let i = 0; i < points.length - 1; i++) {
        const part = bytes.subarray(points[i], points[i + 1]);
        if (part.length > 0) framed += `${part.length.toString(16)}${mutation.extension ? ';x=1' : ''}\r\n${part.toString('latin1')}\r\n`;
      }
      return Buffer.from(`${withoutLength}\r\nTransfer-Encoding: chunked\r\n\r\n${framed}0\r\n${mutation.trailers ? 'X-Trailer: t\r\n' : ''}\r\n`, 'latin1');
    }
    case 'untilClose':
      return { pieces: [`${withoutLength}\r\nConnection: close\r\n\r\n${body}`], close: true };
    case 'closeAfter':
      return { pieces: [answer], close: true };
    case 'drop':
      return 'close';
    case 'pieces': {
      const points = [0, ...at(mutation.cuts, answer), answer.length];
      const pieces: Array<string | { pause: number }> = [];
      for (let i = 0; i < points.length - 1; i++) pieces.push(answer.slice(points[i], points[i + 1]), { pause: mutation.pauseMs });
      return { pieces };
    }
    case 'headers':
      return `${head}${mutation.extra.map(([name, value]) => `\r\n${name}: ${value}`).join('')}\r\n\r\n${body}`;
    case 'connectionClose':
      return { pieces: [`${head}\r\nConnection: close\r\n\r\n${body}`], close: true };
  }
}

export interface FuzzOutcome {
  /** The invokes that got a /response or /error post. */
  answered: string[];
  /** Per answered invoke: the endpoint and what it carried (the result, or the error's type and message). */
  answers: Record<string, string>;
  /** The exit code or signal, or 'running' at the end. */
  exit: number | string;
  stderr: string;
  /** The requests the API saw, with the connection each came on. */
  calls: string[];
}

const endpointOf = (request: RawRequest): Endpoint | undefined =>
  request.path === '/runtime/invocation/next' ? 'next' : request.path.endsWith('/response') ? 'response' : request.path.endsWith('/error') ? 'error' : undefined;

const HANDLER = 'exports.handler = async (event) => { if (event.fail) throw new RangeError("asked to fail " + event.i); return { i: event.i, size: event.pad.length }; };';
const STREAMING_HANDLER = `exports.handler = awslambda.streamifyResponse(async (event, stream) => {
  stream.write(JSON.stringify({ i: event.i }));
  if (event.fail) { const error = new RangeError("asked to fail " + event.i); error.stack = "RangeError: asked to fail " + event.i; throw error; }
  stream.end(JSON.stringify({ size: event.pad.length }));
});`;

/**
 * Runs a case under `node <args>`: the invokes one after another, each until answered or the
 * process gone; neither is a hang (test/helpers/hang.ts). `waitMs` is for a runtime that may
 * rightly hang (aws-lambda-ric in test/peers): after it, the case stops there.
 */
export async function runFuzzCase(fuzz: FuzzCase, args: string[], options: { waitMs?: number; command?: string } = {}): Promise<FuzzOutcome> {
  const taskRoot = tempDir('sr-fuzz-');
  writeFileSync(join(taskRoot, 'index.js'), fuzz.streaming ? STREAMING_HANDLER : HANDLER);
  const seen: Record<Endpoint, number> = { next: 0, response: 0, error: 0 };
  const faultFor = (request: RawRequest) => {
    const endpoint = endpointOf(request);
    if (!endpoint) return undefined;
    const occurrence = ++seen[endpoint];
    return fuzz.faults.find((fault) => fault.endpoint === endpoint && fault.occurrence === occurrence);
  };
  const planned = new Map<RawRequest, Fault | undefined>();
  const api = await FaultApi.start({
    // A dropped /next is dropped before the event is taken from the queue (the retry gets it).
    respond: (request) => {
      const fault = faultFor(request);
      planned.set(request, fault);
      return fault?.mutation.kind === 'drop' ? 'close' : undefined;
    },
    transform: (answer, request) => {
      const fault = planned.get(request);
      if (!fault || fault.mutation.kind === 'drop') return answer;
      return mutate(answer, fault.mutation);
    },
  });
  const runtime = startRuntime(api, args, { _HANDLER: 'index.handler', LAMBDA_TASK_ROOT: taskRoot }, options.command);
  let exit: number | string = 'running';
  void runtime.exited.then((code) => (exit = code));
  const waitMs = options.waitMs;
  try {
    for (const invoke of fuzz.invokes) {
      if (exit !== 'running') break;
      const ended = Promise.race([api.invoke(invoke.event, invoke.headers, invoke.id).then(() => true), runtime.exited.then(() => false)]);
      const answered =
        waitMs === undefined
          ? await withinHang(
              ended,
              `the answer to invoke ${invoke.id} or the runtime's exit (fuzz case ${fuzz.id})`,
              () => `${api.calls().join(', ')}; stderr: ${runtime.stderr()}`,
            )
          : await Promise.race([ended, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), waitMs))]).catch(() => false);
      if (!answered) break;
    }
    if (exit !== 'running') await api.drained();
    const answered = fuzz.invokes.filter((invoke) => api.requests.some((request) => request.method === 'POST' && request.path.startsWith(`/runtime/invocation/${invoke.id}/`)));
    const calls = api.requests.map((request) => `${request.method} ${request.path} #${request.connection}`);
    const answers: Record<string, string> = {};
    for (const invoke of answered) {
      const post = api.requests.find((request) => request.method === 'POST' && request.path.startsWith(`/runtime/invocation/${invoke.id}/`))!;
      const text = post.body.toString('utf8');
      let summary = text;
      if (post.path.endsWith('/error')) {
        try {
          const body = JSON.parse(text);
          summary = `${body.errorType}: ${body.errorMessage}`;
        } catch {}
      }
      // A streamed failure is in the trailers; ric names the type bare where the bootstrap writes Function.<Name> (docs/bootstrap.md).
      const trailer = post.trailers['lambda-runtime-function-error-type'];
      if (trailer) summary += ` [${trailer.replace(/^Function\./, '')}: ${Buffer.from(post.trailers['lambda-runtime-function-error-body'] ?? '', 'base64').toString('utf8')}]`;
      answers[invoke.id] = `${post.path.slice(post.path.lastIndexOf('/') + 1)} ${summary}`;
    }
    return { answered: answered.map((invoke) => invoke.id), answers, exit, stderr: runtime.stderr(), calls };
  } finally {
    await runtime.stop();
    await api.close();
  }
}

/** Where the bootstrap came out worse than ric on a case: an invoke ric answered and it did not, or an exit where ric went on. */
export function fuzzWorse(ours: FuzzOutcome, ric: FuzzOutcome): string[] {
  const worse = ric.answered.filter((id) => !ours.answered.includes(id)).map((id) => `ric answered ${id}, the bootstrap did not`);
  for (const id of ric.answered) {
    if (ours.answers[id] !== undefined && ours.answers[id] !== ric.answers[id])
      worse.push(`${id}: ric answered ${ric.answers[id].slice(0, 200)}, the bootstrap ${ours.answers[id].slice(0, 200)}`);
  }
  if (ric.exit === 'running' && ours.exit !== 'running') worse.push(`the bootstrap exited (${ours.exit}) where ric went on`);
  return worse;
}

/**
 * A fault after which a runtime may stop: /invocation/next answered with anything but 2xx, or
 * dropped (the Runtime API spec has no event to take then; ric exits too). After any other
 * fault, every invoke must be answered and the process still serving.
 */
export const stopsTheLoop = (fault: Fault) =>
  fault.endpoint === 'next' && ((fault.mutation.kind === 'status' && (fault.mutation.status < 200 || fault.mutation.status > 299)) || fault.mutation.kind === 'drop');
