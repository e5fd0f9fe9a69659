// Held-out differential harness: a scripted fake Lambda Runtime API (node:http, 127.0.0.1 only)
// that feeds events to one runtime child process and records everything it posts.
//
// runCase({ caseDir, spec, runtime }) -> outcome
//   runtime = { kind: 'bootstrap' | 'ric', node: '/path/to/node', entry: '/path/to/entry' }
//   spec    = parsed case.json (see README.md for the schema)
import http from 'node:http';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const API_PREFIX = '/2018-06-01';
const DEFAULT_TIMEOUT_MS = 8000;
const SETTLE_MS = 300;

function baseEnv(address, taskRoot, spec) {
  const env = {};
  // Inherit only harmless process variables (PATH, HOME, locale), never AWS/Lambda/Node options.
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(AWS_|LAMBDA_|_HANDLER$|_X_AMZN|_LAMBDA|NODE_OPTIONS$|NODE_PATH$|npm_)/.test(k)) continue;
    env[k] = v;
  }
  Object.assign(env, {
    AWS_LAMBDA_RUNTIME_API: address,
    _HANDLER: spec.handler,
    LAMBDA_TASK_ROOT: taskRoot,
    LAMBDA_RUNTIME_DIR: taskRoot,
    AWS_LAMBDA_FUNCTION_NAME: 'heldout-fn',
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
    AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/heldout-fn',
    AWS_LAMBDA_LOG_STREAM_NAME: '2026/02/02/[$LATEST]feedface',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_REGION: 'eu-west-1',
    AWS_DEFAULT_REGION: 'eu-west-1',
    TZ: ':UTC',
  });
  for (const [k, v] of Object.entries(spec.env ?? {})) {
    if (v === null) delete env[k];
    else env[k] = String(v);
  }
  return env;
}

function eventList(spec) {
  return (spec.events ?? [{}]).map((e, i) => ({
    id: e.id ?? `req-${i + 1}-${Math.random().toString(16).slice(2, 10)}`,
    body: e.rawBody !== undefined ? e.rawBody : JSON.stringify(e.body ?? { n: i + 1 }),
    headers: e.headers ?? {},
    omitHeaders: (e.omitHeaders ?? []).map((h) => h.toLowerCase()),
    invocationId: e.invocationId,
  }));
}

// Faults: [{ on: 'next'|'response'|'error'|'init-error', index?: n, ...action }]
//   index for next = the n-th (0-based) /next call; for response/error = event index.
//   actions: status, body, headers, delayMs, interim [codes], chunked, trailers,
//            close: 'before'|'after'|'idle', hang: true, times (how many times it applies, default 1)
function pickFault(state, on, index) {
  for (const f of state.faults) {
    if (f.on !== on) continue;
    if (f.index !== undefined && f.index !== index) continue;
    if ((f.used ?? 0) >= (f.times ?? 1)) continue;
    f.used = (f.used ?? 0) + 1;
    return f;
  }
  return undefined;
}

async function answer(req, res, status, headers, body, fault, state) {
  if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
  if (fault?.hang) return; // never answer; the run's timeout ends it
  if (fault?.close === 'before') {
    req.socket.destroy();
    return;
  }
  for (const code of fault?.interim ?? []) {
    if (code === 100) res.writeContinue();
    else if (code === 102) res.writeProcessing();
    else if (code === 103) res.writeEarlyHints({ link: '</x>; rel=preload' });
    else res.socket.write(`HTTP/1.1 ${code} Interim\r\n\r\n`);
  }
  if (fault?.status !== undefined) status = fault.status;
  if (fault?.body !== undefined) body = fault.body;
  if (fault?.headers) headers = { ...headers, ...fault.headers };
  const buf = Buffer.from(body ?? '');
  if (fault?.chunked) {
    res.writeHead(status, { ...headers, 'Transfer-Encoding': 'chunked', ...(fault.trailers ? { Trailer: Object.keys(fault.trailers).join(', ') } : {}) });
    const mid = Math.floor(buf.length / 2);
    res.write(buf.subarray(0, mid));
    await new Promise((r) => setTimeout(r, 20));
    res.write(buf.subarray(mid));
    if (fault.trailers) res.addTrailers(fault.trailers);
    res.end();
  } else {
    res.writeHead(status, { ...headers, 'Content-Length': buf.length });
    res.end(buf);
  }
  if (fault?.close === 'after') res.on('finish', () => setImmediate(() => req.socket.destroy()));
  if (fault?.close === 'idle') res.on('finish', () => setTimeout(() => req.socket.destroy(), 60));
  state.log.push(`  -> ${status}${fault ? ' (fault)' : ''}`);
}

function readBody(req) {
  return new Promise((resolve) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve({ body: Buffer.concat(chunks), trailers: req.trailers }));
    req.on('error', () => resolve({ body: Buffer.concat(chunks), trailers: req.trailers, aborted: true }));
    req.on('aborted', () => resolve({ body: Buffer.concat(chunks), trailers: req.trailers, aborted: true }));
  });
}

function parseJson(buf) {
  const text = buf.toString('utf8');
  try {
    return { json: JSON.parse(text), text: text.length > 2000 ? text.slice(0, 2000) + '…' : text, size: buf.length };
  } catch {
    return { json: undefined, text: text.length > 2000 ? text.slice(0, 2000) + '…' : text, size: buf.length };
  }
}

const pick = (h, names) => Object.fromEntries(names.filter((n) => h[n] !== undefined).map((n) => [n, h[n]]));

export async function runCase({ caseDir, spec, runtime, keepDir = false }) {
  const taskRoot = mkdtempSync(join(tmpdir(), 'heldout-task-'));
  for (const name of readdirSync(caseDir)) {
    if (name === 'case.json') continue;
    cpSync(join(caseDir, name), join(taskRoot, name), { recursive: true });
  }
  const events = eventList(spec);
  const state = {
    faults: (spec.faults ?? []).map((f) => ({ ...f })),
    log: [],
    nextCalls: 0,
    served: 0,
    parked: false,
    initErrors: [],
    answers: new Map(events.map((e) => [e.id, []])),
    strayPosts: [],
    other: [],
    maxHeaderBytes: 0,
  };
  let onChange = () => {};
  const changed = () => onChange();

  const server = http.createServer({ maxHeaderSize: spec.maxHeaderBytes ?? 1024 * 1024, requestTimeout: 0, headersTimeout: 0, keepAliveTimeout: 60_000 }, async (req, res) => {
    const path = req.url.startsWith(API_PREFIX) ? req.url.slice(API_PREFIX.length) : req.url;
    const headBytes = Object.entries(req.headers).reduce((n, [k, v]) => n + k.length + String(v).length + 4, 0);
    state.maxHeaderBytes = Math.max(state.maxHeaderBytes, headBytes);
    state.log.push(`${req.method} ${path}`);
    const { body, trailers } = await readBody(req);
    if (req.method === 'GET' && path === '/runtime/invocation/next') {
      const k = state.nextCalls++;
      const fault = pickFault(state, 'next', k);
      if (fault && (fault.status !== undefined && fault.status !== 200 || fault.close === 'before' || fault.hang)) {
        changed();
        return answer(req, res, 200, {}, '', fault, state);
      }
      if (state.served >= events.length) {
        state.parked = true; // idle and waiting for work: the runtime "goes on"
        changed();
        req.socket.on('close', () => { state.parked = false; state.parkedClosed = true; changed(); });
        return; // never answered
      }
      const ev = events[state.served++];
      const headers = {
        'Content-Type': 'application/json',
        'Lambda-Runtime-Aws-Request-Id': ev.id,
        'Lambda-Runtime-Deadline-Ms': String(Date.now() + (spec.deadlineMs ?? 30_000)),
        'Lambda-Runtime-Invoked-Function-Arn': 'arn:aws:lambda:eu-west-1:123456789012:function:heldout-fn',
        'Lambda-Runtime-Trace-Id': 'Root=1-65b2c3d4-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1',
        ...ev.headers,
      };
      if (ev.invocationId) headers['Lambda-Runtime-Invocation-Id'] = ev.invocationId;
      for (const h of ev.omitHeaders) for (const k2 of Object.keys(headers)) if (k2.toLowerCase() === h) delete headers[k2];
      state.servedAt = Date.now();
      changed();
      return answer(req, res, 200, headers, ev.body, fault, state);
    }
    const m = path.match(/^\/runtime\/invocation\/([^/]+)\/(response|error)$/);
    if (req.method === 'POST' && m) {
      const id = decodeURIComponent(m[1]);
      const idx = events.findIndex((e) => e.id === id);
      const fault = pickFault(state, m[2], idx);
      let status = 202;
      let resBody = '{"status":"OK"}';
      if (fault?.status !== undefined) status = fault.status;
      const rec = {
        kind: m[2],
        status: fault?.close === 'before' ? 'closed' : fault?.hang ? 'hung' : status,
        headers: pick(req.headers, ['content-type', 'lambda-runtime-function-error-type', 'lambda-runtime-invocation-id', 'lambda-runtime-function-response-mode', 'transfer-encoding']),
        xrayCauseBytes: req.headers['lambda-runtime-function-xray-error-cause']?.length,
        trailers: trailers && Object.keys(trailers).length ? trailers : undefined,
        ...parseJson(body),
      };
      if (idx < 0) state.strayPosts.push({ id, ...rec });
      else state.answers.get(id).push(rec);
      changed();
      return answer(req, res, status, { 'Content-Type': 'application/json' }, resBody, fault, state);
    }
    if (req.method === 'POST' && path === '/runtime/init/error') {
      const fault = pickFault(state, 'init-error', 0);
      state.initErrors.push({ headers: pick(req.headers, ['lambda-runtime-function-error-type', 'content-type']), ...parseJson(body) });
      changed();
      return answer(req, res, 202, { 'Content-Type': 'application/json' }, '{"status":"OK"}', fault, state);
    }
    state.other.push(`${req.method} ${path}`);
    changed();
    return answer(req, res, 404, { 'Content-Type': 'application/json' }, '{"errorType":"NotFound","errorMessage":"no such route"}', undefined, state);
  });
  server.on('clientError', (err, socket) => {
    state.other.push(`clientError ${err.code}`);
    try { socket.end('HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: 0\r\n\r\n'); } catch {}
  });
  const sockets = new Set();
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const address = `127.0.0.1:${server.address().port}`;

  const env = baseEnv(address, taskRoot, spec);
  const args = [...(spec.nodeArgs ?? []), runtime.entry, spec.handler];
  const started = Date.now();
  const child = spawn(runtime.node, args, { cwd: taskRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (t) => { if (stdout.length < 8_000_000) stdout += t; });
  child.stderr.setEncoding('utf8').on('data', (t) => { if (stderr.length < 1_000_000) stderr += t; });
  let exit = 'running';
  let signalled;
  const exited = new Promise((resolve) => child.on('close', (code, signal) => { exit = code ?? signal ?? 'unknown'; changed(); resolve(); }));
  child.on('error', (e) => { stderr += `spawn error: ${e.message}`; });

  const timeoutMs = spec.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const signalSpec = spec.signal; // { name: 'SIGTERM', whenParked: true, waitMs }
  await new Promise((resolve) => {
    let settleTimer;
    const timer = setTimeout(finish, timeoutMs);
    function finish() {
      clearTimeout(timer);
      clearTimeout(settleTimer);
      onChange = () => {};
      resolve();
    }
    onChange = () => {
      if (exit !== 'running') {
        clearTimeout(settleTimer);
        settleTimer = setTimeout(finish, 150); // let in-flight requests land
        return;
      }
      if (state.parked && state.served >= events.length) {
        if (signalSpec && !signalled) {
          signalled = true;
          setTimeout(() => { try { child.kill(signalSpec.name ?? 'SIGTERM'); } catch {} }, signalSpec.delayMs ?? 100);
          return;
        }
        if (!signalSpec) {
          clearTimeout(settleTimer);
          settleTimer = setTimeout(finish, spec.settleMs ?? SETTLE_MS);
        }
      }
    };
    changed();
  });
  const endedParked = state.parked && state.served >= events.length && exit === 'running';
  const stillRunning = exit === 'running';
  if (stillRunning) child.kill('SIGKILL');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
  for (const s of sockets) s.destroy();
  server.close();
  if (!keepDir) rmSync(taskRoot, { recursive: true, force: true });

  const norm = (s) => (typeof s === 'string' ? s.split(taskRoot).join('<ROOT>') : s);
  const normRec = (rec) => {
    const out = { ...rec, text: norm(rec.text) };
    if (rec.json && typeof rec.json === 'object') out.json = JSON.parse(norm(JSON.stringify(rec.json)));
    return out;
  };
  return {
    runtime: runtime.kind,
    exit: stillRunning ? 'running' : exit,
    signalled: !!signalled,
    endedParked,
    durationMs: Date.now() - started,
    nextCalls: state.nextCalls,
    served: state.served,
    initErrors: state.initErrors.map(normRec),
    events: events.map((e, i) => ({ index: i, id: e.id, served: i < state.served, answers: state.answers.get(e.id).map(normRec) })),
    strayPosts: state.strayPosts.map(normRec),
    other: state.other,
    maxHeaderBytes: state.maxHeaderBytes,
    log: state.log,
    stdout: norm(stdout),
    stderr: norm(stderr),
  };
}
