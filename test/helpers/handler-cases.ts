// Generated handler modules over the dimensions that decide how a Node.js runtime client loads
// and calls a handler: module syntax, file extension, package "type", export shape, top-level
// await, handler style, where the file is (root, nested folders, a package in node_modules) and
// what init throws. Each case is a set of files and a `_HANDLER`; `runHandlerCase` runs it under a
// runtime against the fault-injection Runtime API and says what came of one invoke. The
// differential suite (test/peers) runs every case under the bootstrap and aws-lambda-ric; the
// normal suite runs the cases whose answer the model below knows under the bootstrap alone.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempDir } from './bundle.js';
import { FaultApi, jsonBody, startRuntime } from './fault-api.js';
import { withinHang } from './hang.js';

export const DIMENSIONS = {
  syntax: ['cjs', 'esm'],
  ext: ['.js', '.mjs', '.cjs', ''],
  type: ['none', 'commonjs', 'module'],
  exports: ['named', 'default', 'nested', 'opaque'],
  tla: [false, true],
  style: ['async', 'sync', 'promise', 'callback'],
  place: ['root', 'nested', 'node_modules'],
  init: ['ok', 'throws', 'throwsString', 'syntax', 'missingDependency', 'noExport', 'notFunction'],
} as const;

export type Dimension = keyof typeof DIMENSIONS;
export type HandlerCase = { [D in Dimension]: (typeof DIMENSIONS)[D][number] } & { id: string };

/** A small seeded PRNG (mulberry32): the same seed gives the same cases on every machine. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` cases from `seed`: the first ones walk every value of every dimension (so that each
 * value is in the set however small it is), the rest are drawn at random.
 */
export function generateHandlerCases(count: number, seed: number): HandlerCase[] {
  const next = random(seed);
  const names = Object.keys(DIMENSIONS) as Dimension[];
  const widest = Math.max(...names.map((name) => DIMENSIONS[name].length));
  const cases: HandlerCase[] = [];
  for (let i = 0; i < count; i++) {
    const picked = {} as Record<Dimension, unknown>;
    for (const name of names) {
      const values = DIMENSIONS[name] as readonly unknown[];
      const draw = Math.floor(next() * values.length);
      picked[name] = values[i < widest ? i % values.length : draw];
    }
    const c = picked as Omit<HandlerCase, 'id'>;
    cases.push({ ...c, id: `${i}: ${c.syntax}${c.ext || ' extensionless'} type=${c.type} ${c.exports}${c.tla ? ' +TLA' : ''} ${c.style} in ${c.place}, init ${c.init}` });
  }
  return cases;
}

/** The payload a served case answers with for event `{ n }`. */
export const expectedPayload = (c: HandlerCase, n: number) => ({ n, style: c.style, tla: c.syntax === 'esm' && c.tla ? 'awaited' : null });

/** The files of a case (paths relative to the task root) and its `_HANDLER`. */
export function caseFiles(c: HandlerCase): { files: Record<string, string>; handler: string } {
  const esm = c.syntax === 'esm';
  const lines: string[] = [];
  if (c.init === 'missingDependency') lines.push(esm ? "import 'not-installed-dependency-x';" : "require('not-installed-dependency-x');");
  if (esm && c.tla) lines.push("const awaited = await new Promise((resolve) => setTimeout(() => resolve('awaited'), 1));");
  const tla = esm && c.tla ? 'awaited' : 'null';
  const result = `{ n: event.n, style: ${JSON.stringify(c.style)}, tla: ${tla} }`;
  const fn = {
    async: `async (event) => (${result})`,
    sync: `(event) => (${result})`,
    promise: `(event) => Promise.resolve(${result})`,
    callback: `(event, context, callback) => { setTimeout(() => callback(null, ${result}), 1); }`,
  }[c.style];
  const value = c.init === 'notFunction' ? '42' : fn;
  lines.push(`const fn = ${value};`);
  if (c.init === 'throws')
    lines.push("class InitFailed extends Error { constructor(m) { super(m); this.name = 'InitFailed'; } }\nthrow new InitFailed('could not read the config');");
  if (c.init === 'throwsString') lines.push("throw 'a string thrown at init';");
  const exported = {
    named: esm ? 'export const handler = fn;' : 'exports.handler = fn;',
    default: esm ? 'export default { handler: fn };' : 'module.exports = { handler: fn };',
    nested: esm ? 'export const api = { v1: { handler: fn } };' : 'exports.api = { v1: { handler: fn } };',
    // Assigned in a way no static analysis sees: import() of CommonJS then finds it only on the default export.
    opaque: esm
      ? 'const shape = { handler: fn };\nexport default Object.fromEntries(Object.entries(shape));'
      : "Object.assign(module.exports, Object.fromEntries([['han' + 'dler', fn]]));",
  }[c.exports];
  lines.push(exported);
  if (c.init === 'syntax') lines.push('const = broken;');
  const source = `${lines.join('\n')}\n`;
  const exportPath = c.init === 'noExport' ? 'missingExport' : c.exports === 'nested' ? 'api.v1.handler' : 'handler';
  const files: Record<string, string> = {};
  const pkg = (extra: Record<string, unknown> = {}) => JSON.stringify({ ...(c.type === 'none' ? {} : { type: c.type }), ...extra });
  if (c.place === 'node_modules') {
    files['node_modules/fn-pkg/package.json'] = pkg({ name: 'fn-pkg', version: '1.0.0', main: `main${c.ext}` });
    files[`node_modules/fn-pkg/main${c.ext}`] = source;
    return { files, handler: `fn-pkg.${exportPath}` };
  }
  if (c.type !== 'none') files['package.json'] = pkg();
  const module = c.place === 'nested' ? 'src/handlers/app' : 'app';
  files[`${module}${c.ext}`] = source;
  return { files, handler: `${module}.${exportPath}` };
}

/** Cases of names and files outside the generated dimensions: malformed names, a folder named like the module, a deep property path. */
export const SPECIAL_CASES: Array<{ id: string; files: Record<string, string>; handler: string }> = [
  { id: 'no dot in the handler name', files: { 'app.js': 'exports.handler = async () => 1;' }, handler: 'app' },
  { id: 'a relative climb in the handler name', files: { 'app.js': 'exports.handler = async () => 1;' }, handler: '../app.handler' },
  { id: 'an empty export name', files: { 'app.js': 'exports.handler = async () => 1;' }, handler: 'app.' },
  { id: 'a missing module', files: {}, handler: 'nowhere.handler' },
  { id: 'a folder named like the module beside app.js', files: { 'app/readme.txt': 'x', 'app.js': 'exports.handler = async () => "file";' }, handler: 'app.handler' },
  { id: 'a falsy export (0)', files: { 'app.js': 'exports.handler = 0;' }, handler: 'app.handler' },
  { id: 'a path through a function', files: { 'app.js': 'const f = () => 1; f.inner = async () => "inner";\nexports.f = f;' }, handler: 'app.f.inner' },
  { id: 'a deep path', files: { 'app.mjs': 'export const a = { b: { c: { d: async (e) => ({ deep: e.n }) } } };' }, handler: 'app.a.b.c.d' },
  { id: 'a default export that is the function', files: { 'app.mjs': 'export default async (e) => ({ d: e.n });' }, handler: 'app.default' },
  { id: 'module.exports is the function', files: { 'app.js': 'module.exports = async (e) => ({ m: e.n });' }, handler: 'app.default' },
  { id: 'a file name with dots', files: { 'app.v2.js': 'exports.handler = async () => 1;' }, handler: 'app.v2.handler' },
  { id: 'a % and a space in the folder', files: { 'my dir%20x/app.mjs': 'export const handler = async () => "odd path";' }, handler: 'my dir%20x/app.handler' },
  {
    id: 'an ES module with top-level await in node_modules',
    files: {
      'node_modules/tla-pkg/package.json': '{"name":"tla-pkg","type":"module","main":"index.js"}',
      'node_modules/tla-pkg/index.js': 'await null;\nexport const handler = async () => "tla pkg";',
    },
    handler: 'tla-pkg.handler',
  },
  { id: 'a streaming handler', files: { 'app.js': 'exports.handler = awslambda.streamifyResponse(async (e, stream) => { stream.end("streamed"); });' }, handler: 'app.handler' },
];

export type HandlerOutcome =
  | { kind: 'served'; payload: unknown; raw: string }
  | { kind: 'invokeError'; errorType: string; errorMessage: string }
  | { kind: 'initError'; errorType: string; errorMessage: string }
  | { kind: 'none'; exit: number | string };

/**
 * Writes the files into a fresh task root, runs `node <args>` there with `_HANDLER`, invokes once
 * with `{ n }`. The invoke ends in an answer, an init error or the process's exit; none of them is
 * a hang (test/helpers/hang.ts). `waitMs` is for a runtime that may rightly hang (aws-lambda-ric in
 * test/peers): after it, no answer is the outcome `none`.
 */
export async function runHandlerCase(
  spec: { files: Record<string, string>; handler: string },
  args: string[],
  options: { env?: Record<string, string>; waitMs?: number; command?: string; n?: number } = {},
): Promise<{ outcome: HandlerOutcome; taskRoot: string; stderr: string }> {
  const taskRoot = tempDir('sr-handler-case-');
  for (const [path, text] of Object.entries(spec.files)) {
    mkdirSync(dirname(join(taskRoot, path)), { recursive: true });
    writeFileSync(join(taskRoot, path), text);
  }
  const api = await FaultApi.start();
  const runtime = startRuntime(api, args, { _HANDLER: spec.handler, LAMBDA_TASK_ROOT: taskRoot, ...options.env }, options.command);
  const n = options.n ?? 7;
  let exit: number | string | undefined;
  void runtime.exited.then((code) => (exit = code));
  try {
    const ended = Promise.race([
      api.invoke({ n }, {}, 'case-invoke').then((request) => request),
      api.waitFor((request) => request.path === '/runtime/init/error', 'an init error').then((request) => request),
      runtime.exited.then(() => undefined),
    ]);
    const waitMs = options.waitMs;
    const answered =
      waitMs === undefined
        ? await withinHang(
            ended,
            `an answer to invoke case-invoke, an init error or the runtime's exit (handler ${spec.handler})`,
            () => `${api.calls().join(', ')}; stderr: ${runtime.stderr()}`,
          )
        : await Promise.race([ended, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), waitMs))]).catch(() => undefined);
    if (!answered && exit !== undefined) await api.drained();
    const found = answered ?? api.requests.find((request) => request.path === '/runtime/init/error' || request.path.startsWith('/runtime/invocation/case-invoke/'));
    let outcome: HandlerOutcome;
    if (!found) outcome = { kind: 'none', exit: exit ?? 'running' };
    else {
      const text = found.body.toString('utf8');
      if (found.path.endsWith('/response')) {
        let payload: unknown = text;
        try {
          payload = JSON.parse(text);
        } catch {}
        outcome = { kind: 'served', payload, raw: text };
      } else {
        const body = jsonBody(found);
        outcome = { kind: found.path === '/runtime/init/error' ? 'initError' : 'invokeError', errorType: body.errorType, errorMessage: body.errorMessage };
      }
    }
    return { outcome, taskRoot, stderr: runtime.stderr() };
  } finally {
    await runtime.stop();
    await api.close();
  }
}

/** An error message with the task root and the Require stack (which names each runtime's own file) taken out. */
export function normalizeMessage(message: string, taskRoot: string): string {
  return message
    .split('\nRequire stack:')[0]
    .replaceAll(`file://${taskRoot}`, '<root>')
    .replaceAll(taskRoot, '<root>')
    .replace(/file:\/\/\S*?\/aws-lambda-ric\/\S*/g, '<runtime>');
}

/**
 * ric's failures that come from ric's own loader, not from the handler (docs/bootstrap.md lists
 * them): ric refuses callback handlers; it require()s a node_modules module, which fails for an ES
 * module with top-level await; it import()s a folder named like the module. The bootstrap loads
 * further there: it serves, or reports the handler's own error.
 */
export const RIC_OWN_FAILURES = [/^Runtime\.CallbackHandlerDeprecated$/, /require\(\) cannot be used on an ESM graph with top-level await/, /Directory import .* is not supported/];

/** How one runtime's outcome compares to the reference's: 'same', 'better' or 'worse' (with why). */
export function compareOutcomes(ours: HandlerOutcome, ric: HandlerOutcome, roots: { ours: string; ric: string }): { verdict: 'same' | 'better' | 'worse'; why: string } {
  const message = (outcome: HandlerOutcome, root: string) => ('errorMessage' in outcome ? normalizeMessage(outcome.errorMessage ?? '', root) : '');
  if (ric.kind === 'none') return { verdict: ours.kind === 'none' ? 'same' : 'better', why: 'ric did not answer' };
  if (ric.kind === 'served') {
    if (ours.kind === 'served' && JSON.stringify(ours.payload) === JSON.stringify(ric.payload)) return { verdict: 'same', why: 'served alike' };
    return { verdict: 'worse', why: `ric served ${ric.raw}, the bootstrap: ${JSON.stringify(ours)}` };
  }
  if (ours.kind === 'served') return { verdict: 'better', why: `ric failed (${ric.errorType}), the bootstrap served` };
  if (ours.kind !== 'none' && RIC_OWN_FAILURES.some((pattern) => pattern.test(ric.errorType) || pattern.test(ric.errorMessage ?? '')))
    return { verdict: 'better', why: `ric failed in its own loader (${ric.errorMessage}); the bootstrap got to the handler's own outcome` };
  if (ours.kind === ric.kind && ours.errorType === ric.errorType && message(ours, roots.ours) === message(ric, roots.ric))
    return { verdict: 'same', why: `both ${ric.kind} ${ric.errorType}` };
  return {
    verdict: 'worse',
    why: `ric: ${JSON.stringify({ ...ric, errorMessage: message(ric, roots.ric) })}, the bootstrap: ${JSON.stringify({ ...ours, errorMessage: message(ours, roots.ours) })}`,
  };
}

/** The effective module system of a case's file, as Node.js decides it from the extension and the package "type". */
export const effectiveSyntax = (c: HandlerCase): 'cjs' | 'esm' | undefined =>
  c.ext === '.mjs' ? 'esm' : c.ext === '.cjs' ? 'cjs' : c.ext === '' && c.type === 'module' ? undefined : c.type === 'module' ? 'esm' : 'cjs';

/**
 * What the bootstrap answers for a case whose syntax matches its file (undefined for the others,
 * which only the differential suite judges): the rules of docs/bootstrap.md as a model.
 */
export function modelOutcome(c: HandlerCase): { kind: 'served'; payload: unknown } | { kind: 'initError'; errorType: string; errorMessage: RegExp } | undefined {
  if (effectiveSyntax(c) !== c.syntax) return undefined;
  const name = c.init === 'noExport' ? 'missingExport' : c.exports === 'nested' ? 'api.v1.handler' : 'handler';
  const spec = `${c.place === 'node_modules' ? 'fn-pkg' : c.place === 'nested' ? 'src/handlers/app' : 'app'}.${name}`;
  switch (c.init) {
    case 'ok':
      return { kind: 'served', payload: expectedPayload(c, 7) };
    case 'throws':
      return { kind: 'initError', errorType: 'InitFailed', errorMessage: /^could not read the config$/ };
    case 'throwsString':
      return { kind: 'initError', errorType: 'string', errorMessage: /^a string thrown at init$/ };
    case 'syntax':
      return { kind: 'initError', errorType: 'Runtime.UserCodeSyntaxError', errorMessage: /^SyntaxError: / };
    case 'missingDependency':
      // CommonJS's require throws MODULE_NOT_FOUND (ric's ImportModuleError); an ES module's import throws ERR_MODULE_NOT_FOUND, which ric reports as itself.
      return c.syntax === 'cjs'
        ? { kind: 'initError', errorType: 'Runtime.ImportModuleError', errorMessage: /^Error: Cannot find module 'not-installed-dependency-x'/ }
        : { kind: 'initError', errorType: 'Error', errorMessage: /Cannot find (package|module) 'not-installed-dependency-x'/ };
    case 'noExport':
      return { kind: 'initError', errorType: 'Runtime.HandlerNotFound', errorMessage: new RegExp(`^${spec.replaceAll('.', '\\.')} is undefined or not exported$`) };
    case 'notFunction':
      return { kind: 'initError', errorType: 'Runtime.HandlerNotFound', errorMessage: new RegExp(`^${spec.replaceAll('.', '\\.')} is not a function$`) };
  }
}
