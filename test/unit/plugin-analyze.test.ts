// The analysis alone (a pure function of source, file name and options): every way to reach
// the register functions, and where each registration runs.
import { describe, expect, it } from 'vitest';
import { analyzeModule } from '../../plugin/core/index.js';
import type { AnalyzeOptions } from '../../plugin/core/index.js';

const FILE = '/project/src/handler.ts';

function analyze(source: string, options: AnalyzeOptions = {}, file = FILE) {
  const result = analyzeModule(source, file, options);
  return {
    result,
    registrations: result.registrations.map((r) => `${r.phase} ${r.name} ${r.when} ${r.location.line}:${r.location.column}`),
    codes: result.findings.map((f) => `${f.code} ${f.location?.line}:${f.location?.column}`),
  };
}

describe('binding resolution', () => {
  it('named, renamed, namespace, default and aliased imports', () => {
    const { registrations, codes } = analyze(`
import { registerAfterRestore, registerBeforeSnapshot as before } from 'snapshot-restore';
import * as sr from 'snapshot-restore';
import runtime from 'snapshot-restore';
const again = registerAfterRestore;
function a() {}
registerAfterRestore(a);
before(a);
sr.registerAfterRestore(a);
sr['registerBeforeSnapshot'](a);
runtime.registerAfterRestore(a);
again(a);
`);
    expect(registrations).toEqual([
      'afterRestore a init 7:0',
      'beforeSnapshot a init 8:0',
      'afterRestore a init 9:0',
      'beforeSnapshot a init 10:0',
      'afterRestore a init 11:0',
      'afterRestore a init 12:0',
    ]);
    expect(codes).toEqual([]);
  });

  it('require, destructuring, require(...).member and await import()', () => {
    const { registrations } = analyze(
      `
const { registerAfterRestore: onRestore } = require('snapshot-restore');
const sr = require('snapshot-restore');
function a() {}
onRestore(a);
sr.registerBeforeSnapshot(a);
require('snapshot-restore').registerAfterRestore(a);
const { registerBeforeSnapshot } = await import('snapshot-restore');
registerBeforeSnapshot(a);
`,
      {},
      '/project/src/handler.mjs',
    );
    expect(registrations).toEqual(['afterRestore a init 5:0', 'beforeSnapshot a init 6:0', 'afterRestore a init 7:0', 'beforeSnapshot a init 9:0']);
  });

  it('ignores type-only uses, unrelated modules and lookalike names', () => {
    const { registrations, codes } = analyze(`
import type { registerAfterRestore as T } from 'snapshot-restore';
import { registerAfterRestore } from 'snapshot-restore-extra';
import { getAfterRestore } from 'snapshot-restore';
type R = typeof T;
registerAfterRestore(() => {});
getAfterRestore();
`);
    expect(registrations).toEqual([]);
    expect(codes).toEqual([]);
  });

  it('wrapper modules by path and by package name, with their own export names', () => {
    const { registrations } = analyze(
      `
import { onRestore } from './lib/hooks.js';
import * as hooks from '@acme/hooks';
function a() {}
onRestore(a);
hooks.registerBeforeSnapshot(a);
`,
      {
        modules: [
          { path: '/project/src/lib/hooks', beforeSnapshot: [], afterRestore: ['onRestore'] },
          { specifier: '@acme/hooks', beforeSnapshot: ['registerBeforeSnapshot'], afterRestore: ['registerAfterRestore'] },
        ],
      },
    );
    expect(registrations).toEqual(['afterRestore a init 5:0', 'beforeSnapshot a init 6:0']);
  });

  it('hook names as the runtime reports them', () => {
    const { result } = analyze(`
import { registerAfterRestore as r } from 'snapshot-restore';
import { close } from './db.js';
import { open as reopen } from './db.js';
const arrow = () => {};
const named = function inner() {};
r(arrow); r(named); r(close); r(reopen); r(db.refresh); r(close.bind(null)); r(async () => {}); r(function fn() {});
const Cache = class { @r static warm() {} };
`);
    expect(result.registrations.map((x) => x.name)).toEqual(['arrow', 'inner', 'close', 'open', 'refresh', 'bound close', '<anonymous>', 'fn', 'Cache.warm']);
  });
});

describe('where registrations run', () => {
  it('handler forms: export const, export function, export { x as handler }, wrappers, exports.handler, module.exports', () => {
    const forms = [
      'export const handler = async () => { registerAfterRestore(a); };',
      'export async function handler() { registerAfterRestore(a); }',
      'async function main() { registerAfterRestore(a); }\nexport { main as handler };',
      'export const handler = middy(async () => { registerAfterRestore(a); }).use(cors());',
      'const main = async () => { registerAfterRestore(a); };\nexport const handler = wrap(main);',
      'exports.handler = async () => { registerAfterRestore(a); };',
      'module.exports.handler = async function () { registerAfterRestore(a); };',
      'module.exports = { handler: async () => { registerAfterRestore(a); } };',
      'async function handler() { registerAfterRestore(a); }\nmodule.exports = { handler };',
      'class Lambda { async handler() { registerAfterRestore(a); } }\nconst instance = new Lambda();\nexport const handler = instance.handler.bind(instance);',
    ];
    for (const form of forms) {
      const { codes } = analyze(`import { registerAfterRestore } from 'snapshot-restore';\nfunction a() {}\n${form}`);
      expect(codes, form).toEqual([expect.stringMatching(/^SR001 /)]);
    }
  });

  it('export default is the handler in an entry point only; a configured handler name', () => {
    const source = `import { registerAfterRestore } from 'snapshot-restore';\nexport default async function () { registerAfterRestore(() => {}); }`;
    expect(analyze(source, { defaultExportIsHandler: true }).codes).toEqual(['SR001 2:35']);
    expect(analyze(source).codes).toEqual(['SR005 2:35']);
    const named = `import { registerAfterRestore } from 'snapshot-restore';\nexport const main = async () => { registerAfterRestore(() => {}); };`;
    expect(analyze(named, { handler: 'main' }).codes).toEqual(['SR001 2:34']);
  });

  it('init: top level, blocks, static blocks, static fields, functions and IIFEs top level calls, constructors of classes built at init', () => {
    const { registrations, codes } = analyze(`
import { registerAfterRestore as r } from 'snapshot-restore';
function a() {}
if (process.env.X) { r(a); }
class C { static { r(a); } static field = r(a); }
function setup() { r(a); }
setup();
(async () => { r(a); })();
class Service { constructor() { r(a); } }
const service = new Service();
export const handler = async () => service;
`);
    expect(registrations.map((r) => r.split(' ')[2])).toEqual(['init', 'init', 'init', 'init', 'init', 'init']);
    expect(codes).toEqual([]);
  });

  it('invoke: functions only the handler reaches, callbacks inside the handler, classes constructed there', () => {
    const { codes, result } = analyze(`
import { registerAfterRestore as r } from 'snapshot-restore';
function a() {}
function helper() { r(a); }
function deeper() { helper(); }
class PerRequest { constructor() { r(a); } }
export const handler = async (event) => {
  deeper();
  event.items.forEach(() => r(a));
  new PerRequest();
};
`);
    expect(codes).toEqual(['SR002 4:20', 'SR002 6:35', 'SR002 9:28']);
    expect(result.findings[0]!.notes.map((n) => n.location?.line)).toEqual([8, 7]);
  });

  it('unknown: exported functions, callbacks at top level, instance methods, never-called functions (SR005, not a guess)', () => {
    const { codes, result } = analyze(`
import { registerAfterRestore as r } from 'snapshot-restore';
function a() {}
export function setup() { r(a); }
process.on('SIGTERM', () => r(a));
class Db { connect() { r(a); } }
function unused() { r(a); }
`);
    expect(codes).toEqual(['SR005 4:26', 'SR005 5:28', 'SR005 6:23', 'SR005 7:20']);
    expect(result.findings.map((f) => /Why: (.*)\. Rule page: /.exec(f.message)?.[1])).toEqual([
      'it is in `setup`, which is exported: the analysis follows calls within a module only, so it cannot tell when other modules call it',
      'it is in the function at line 5, which is passed on as a value at line 5, and the analysis cannot tell when that is called',
      'it is in the instance method `connect`, and the analysis does not follow calls through instances',
      'it is in `unused`, which nothing in this module calls',
    ]);
  });

  it('library code (node_modules) does not report unknown timing, but still lists its init hooks', () => {
    const { codes, registrations } = analyze(
      `import { registerAfterRestore as r } from 'snapshot-restore';\nexport function enable() { r(() => {}); }\nr(function reset() {});`,
      {},
      '/project/node_modules/some-driver/index.js',
    );
    expect(codes).toEqual([]);
    expect(registrations).toEqual(['afterRestore <anonymous> unknown 2:27', 'afterRestore reset init 3:0']);
  });

  it('decorators: TC39 instance methods register per construction; legacy instance methods are SR006', () => {
    const source = `
import { registerAfterRestore } from 'snapshot-restore';
class Pool { @registerAfterRestore refill() {} }
export const pool = new Pool();
`;
    expect(analyze(source).registrations).toEqual(['afterRestore Pool.refill init 3:13']);
    const legacy = analyze(source, { decorators: 'legacy' });
    expect(legacy.codes).toEqual(['SR006 3:13']);
    expect(legacy.result.findings[0]!.message).toContain('legacy decorators never see an instance');
  });

  it('import sites: eager and lazy, with where they run', () => {
    const { result } = analyze(`
import './a.js';
export * from './b.js';
const c = require('./c.cjs');
await import('./d.js');
import('./e.js');
export const handler = async () => { await import('./f.js'); require('./g.cjs'); };
`);
    expect(result.importSites.map((s) => `${s.specifier} ${s.kind} ${s.when} ${s.eager}`)).toEqual([
      './a.js import-statement init true',
      './b.js import-statement init true',
      './c.cjs require-call init true',
      './d.js dynamic-import init true',
      './e.js dynamic-import init false',
      './f.js dynamic-import invoke false',
      './g.cjs require-call invoke false',
    ]);
  });
});

describe('shapes that run at init', () => {
  it('import() awaited at top level through Promise.all, its kin, .then chains and spreads is eager', () => {
    const { result } = analyze(`
await Promise.all([import('./a.js'), import('./b.js')]);
const [c] = await Promise.allSettled([import('./c.js')]);
await import('./d.js').then((m) => m.setup());
await Promise.race([...[import('./e.js')]]);
Promise.all([import('./f.js')]);
const later = Promise.all([import('./g.js')]);
await wrap(import('./h.js'));
await Promise.all([1].map(() => import('./i.js')));
`);
    expect(result.importSites.map((s) => `${s.specifier} ${s.eager}`)).toEqual([
      './a.js true',
      './b.js true',
      './c.js true',
      './d.js true',
      './e.js true',
      './f.js false',
      './g.js false',
      './h.js false',
      './i.js false',
    ]);
  });

  it('callbacks of array iteration at init run at init, in the iteration order', () => {
    const { codes, registrations } = analyze(`
import { registerBeforeSnapshot, registerAfterRestore } from 'snapshot-restore';
const a = { close() {} }, b = { close() {} };
[a, b].forEach((c) => registerBeforeSnapshot(() => c.close()));
Array.from([a], (c) => registerAfterRestore(() => c.close()));
[a].map(function each(c) { registerAfterRestore(() => c.close()); });
export const handler = async () => { [a].forEach((c) => registerAfterRestore(() => c.close())); };
`);
    expect(codes).toEqual(['SR002 7:56']);
    expect(registrations.map((r) => r.split(' ').slice(0, 3).join(' '))).toEqual([
      'beforeSnapshot <anonymous> init',
      'afterRestore <anonymous> init',
      'afterRestore <anonymous> init',
      'afterRestore <anonymous> invoke',
    ]);
  });
});

describe('bad input', () => {
  it('a syntax error is reported in the result, never thrown', () => {
    const result = analyzeModule("import { registerAfterRestore } from 'snapshot-restore';\nregisterAfterRestore(() => {;", FILE, {});
    expect(result.parsed).toBe(false);
    expect(result.parseError).toMatch(/Unexpected token/);
  });

  it('parses JSX, TSX and legacy parameter decorators', () => {
    const jsx = analyzeModule("import { registerAfterRestore } from 'snapshot-restore';\nconst el = <div />;\nregisterAfterRestore(() => {});", '/p/a.jsx');
    expect(jsx.registrations).toHaveLength(1);
    const tsx = analyzeModule("import { registerAfterRestore } from 'snapshot-restore';\nconst el = <div a={1 as number} />;\nregisterAfterRestore(() => {});", '/p/a.tsx');
    expect(tsx.registrations).toHaveLength(1);
    const params = analyzeModule(
      "import { registerAfterRestore } from 'snapshot-restore';\nclass A { constructor(@Inject() x: number) {} }\nregisterAfterRestore(() => {});",
      '/p/a.ts',
    );
    expect(params.parsed).toBe(true);
    expect(params.registrations).toHaveLength(1);
  });
});
