// The analysis of one module: a pure function of (source, file name, options), free of any
// bundler, so an esbuild, Rollup or Vite adapter can share it. Its result is plain data.
import * as path from 'node:path';
import type * as t from '@babel/types';
import { traverse, type NodePath } from '../ast/babel.js';
import { Classifier, functionName, type Reach } from './classify.js';
import type { Finding, FindingNote, SourceLocation } from '../diagnostics.js';
import { locationOf } from '../ast/location.js';
import { findHandler } from './handler.js';
import { dynamicImportSpecifier, findRuntimeUse, keyName, requireSpecifier, type HookPhase, type RegistrationSite } from './imports.js';
import { RUNTIME_MODULE, stripExtension, type AnalyzeOptions, type RuntimeModule } from '../options.js';
import { parseSource } from '../ast/parse.js';
import { SR001, SR002, SR005, SR006 } from '../rules/index.js';

export type When = 'init' | 'invoke' | 'unknown';

export interface HookRegistration {
  phase: HookPhase;
  kind: 'call' | 'decorator';
  /** The hook's name as the runtime reports it: the function's `name` (`<anonymous>` when it has
   *  none, `bound f` for `f.bind(...)`), or `Class.method` for a decorated method. */
  name: string;
  /** The registered function as written (first 80 characters). */
  expression: string;
  location: SourceLocation;
  when: When;
  /** One key per way module evaluation reaches the registration (init only); sorted
   *  lexicographically they give the registration order within the module. */
  orderKeys: number[][];
}

export interface ImportSite {
  specifier: string;
  /** esbuild's import kinds. */
  kind: 'import-statement' | 'require-call' | 'dynamic-import';
  location: SourceLocation;
  when: When;
  /** Evaluated while the module itself evaluates: import statements (hoisted), `require` at
   *  init, and `await import()` directly at module top level. */
  eager: boolean;
  /** Where in the module body an eager `require` / `await import()` evaluates. */
  orderKey?: number[];
}

export interface ModuleAnalysis {
  file: string;
  parsed: boolean;
  parseError?: string;
  registrations: HookRegistration[];
  importSites: ImportSite[];
  snapStartCalls: Array<{ location: SourceLocation; when: When }>;
  /** Calls of snapshot-restore/http's handler or adapters: the app serves the lifecycle over HTTP. */
  httpHooksCalls: Array<{ location: SourceLocation; when: When }>;
  importsBootstrap: boolean;
  /** Where the handler is exported, when this module exports one. */
  handler?: SourceLocation;
  /** Register functions the module exports under its own names: the build treats it as a wrapper module. */
  exportedHooks: Array<{ name: string; phase: HookPhase }>;
  findings: Finding[];
}

const LIBRARY_PATH = /[\\/]node_modules[\\/]/;

/** The cheap check that comes before any parsing. */
export function mentionsAny(source: string, needles: string[]): boolean {
  return needles.some((needle) => source.includes(needle));
}

/** Analyses one module. Never throws on bad input: a parse failure is reported in the result. */
export function analyzeModule(source: string, fileName: string, options: AnalyzeOptions = {}): ModuleAnalysis {
  const result: ModuleAnalysis = {
    file: fileName,
    parsed: false,
    registrations: [],
    importSites: [],
    snapStartCalls: [],
    httpHooksCalls: [],
    importsBootstrap: false,
    exportedHooks: [],
    findings: [],
  };
  const parsed = parseSource(source, fileName);
  if (!parsed.ok) {
    result.parseError = parsed.error;
    return result;
  }
  result.parsed = true;

  let program: NodePath<t.Program> | undefined;
  traverse(parsed.ast, {
    Program(p) {
      program = p;
      p.stop();
    },
  });
  if (!program) return result;

  const modules = options.modules ?? [];
  const handlerName = options.handler ?? 'handler';
  const lines = source.split(/\r\n|\r|\n/);
  const locate = (p: NodePath, node: t.Node = p.node): SourceLocation => locationOf(node, fileName, lines);

  const handler = findHandler(program, handlerName, options.defaultExportIsHandler ?? false);
  const handlerNote: FindingNote[] = [];
  if (handler.exportPath) {
    result.handler = locate(handler.exportPath);
    handlerNote.push({ text: `The handler \`${handlerName}\` is exported here.`, location: result.handler });
  }
  const classifier = new Classifier(handler, options.decorators ?? 'tc39');
  const use = findRuntimeUse(program, fileName, modules);
  result.importsBootstrap = use.importsBootstrap;
  result.exportedHooks = use.exported;
  const quietUnknowns = LIBRARY_PATH.test(fileName) || isWrapperFile(fileName, modules);

  for (const site of use.registrations.sort((a, b) => (a.path.node.start ?? 0) - (b.path.node.start ?? 0))) {
    const registration = describeRegistration(site, source, locate);
    let reach: Reach;
    let instance = false;
    let owner: NodePath | undefined;
    if (site.kind === 'decorator') {
      ({ reach, instance, owner } = classifier.decorator(site.path as NodePath<t.Decorator>));
    } else {
      reach = classifier.position(site.path);
    }
    registration.when = reach.when === 'init' ? 'init' : reach.when === 'invoke' ? 'invoke' : 'unknown';
    registration.orderKeys = reach.when === 'init' ? reach.keys : [];
    result.registrations.push(registration);

    const written = site.kind === 'call' ? `${site.registrar}(${registration.expression})` : `@${site.registrar}`;
    const className = owner ? classNameOf(owner) : undefined;
    if (instance && options.decorators === 'legacy') {
      result.findings.push({
        code: 'SR006',
        message: SR006.message('legacyInstance', { written, method: registration.expression, className: className ?? 'the class' }),
        location: registration.location,
        suggestion: SR006.suggest('makeStatic', { registrar: site.registrar, method: registration.expression }),
        notes: [],
      });
      continue;
    }
    if (reach.when === 'invoke' && instance) {
      result.findings.push({
        code: 'SR006',
        message: SR006.message('constructedAtInvoke', { written, method: registration.expression, className: className ?? 'the class' }),
        location: registration.location,
        suggestion: SR006.suggest('constructAtTop', { className: className ?? 'the instance' }),
        notes: [...viaNote(reach.via, 'It is constructed here, inside the handler.', locate), ...handlerNote],
      });
    } else if (reach.when === 'invoke' && reach.direct) {
      result.findings.push({
        code: 'SR001',
        message: SR001.message('inHandler', { written, handler: handlerName }),
        location: registration.location,
        suggestion: SR001.suggest('moveOut', { written, handler: handlerName }),
        notes: handlerNote,
      });
    } else if (reach.when === 'invoke') {
      result.findings.push({
        code: 'SR002',
        message: SR002.message('reachedFromHandler', { written, handler: handlerName }),
        location: registration.location,
        suggestion: SR002.suggest('registerAtTop'),
        notes: [...viaNote(reach.via, 'It is reached from the handler through this call.', locate), ...handlerNote],
      });
    } else if ((reach.when === 'unknown' || reach.when === 'never') && !quietUnknowns) {
      result.findings.push({
        code: 'SR005',
        message: SR005.message('unknownTiming', { written, reason: reach.reason }),
        location: registration.location,
        suggestion: SR005.suggest('registerAtTop'),
        notes: reach.when === 'unknown' && reach.at ? [{ text: 'This is what the analysis could not follow.', location: locate(reach.at) }] : [],
      });
    }
  }

  for (const unresolved of use.unresolved) {
    result.findings.push({
      code: 'SR005',
      message: SR005.message('unresolved', { reason: unresolved.reason }),
      location: locate(unresolved.path),
      suggestion: unresolved.suggestion,
      notes: [],
    });
  }

  for (const [calls, into] of [
    [use.snapStartCalls, result.snapStartCalls],
    [use.httpHooksCalls, result.httpHooksCalls],
  ] as const) {
    for (const call of calls) {
      const reach = classifier.position(call);
      into.push({ location: locate(call), when: reach.when === 'init' ? 'init' : reach.when === 'invoke' ? 'invoke' : 'unknown' });
    }
  }

  result.importSites = findImportSites(program, classifier, locate);
  result.findings.sort((a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.column ?? 0) - (b.location?.column ?? 0));
  return result;
}

function findImportSites(program: NodePath<t.Program>, classifier: Classifier, locate: (p: NodePath, node?: t.Node) => SourceLocation): ImportSite[] {
  const sites: ImportSite[] = [];
  const whenOf = (reach: Reach): When => (reach.when === 'init' ? 'init' : reach.when === 'invoke' ? 'invoke' : 'unknown');
  program.traverse({
    ImportDeclaration(p) {
      if (p.node.importKind === 'type') return;
      sites.push({ specifier: p.node.source.value, kind: 'import-statement', location: locate(p), when: 'init', eager: true });
    },
    'ExportNamedDeclaration|ExportAllDeclaration'(p) {
      const node = p.node as t.ExportNamedDeclaration | t.ExportAllDeclaration;
      if (!node.source || node.exportKind === 'type') return;
      sites.push({ specifier: node.source.value, kind: 'import-statement', location: locate(p), when: 'init', eager: true });
    },
    CallExpression(p) {
      const required = requireSpecifier(p);
      const imported = required === undefined ? dynamicImportSpecifier(p) : undefined;
      const specifier = required ?? imported;
      if (specifier === undefined) return;
      const reach = classifier.position(p);
      const orderKey = reach.when === 'init' ? reach.keys.reduce(minKey) : undefined;
      if (required !== undefined) {
        sites.push({ specifier, kind: 'require-call', location: locate(p), when: whenOf(reach), eager: reach.when === 'init', orderKey });
        return;
      }
      // An import() whose promise is awaited at module top level finishes during init in a
      // predictable place (`await import()`, `await Promise.all([import(), ...])`,
      // `await import().then(...)`); any other import() is lazy.
      const awaited = !p.getFunctionParent() && reach.when === 'init' && awaitedAtTop(p);
      sites.push({
        specifier,
        kind: 'dynamic-import',
        location: locate(p),
        when: whenOf(reach),
        eager: awaited,
        orderKey: awaited ? orderKey : undefined,
      });
    },
  });
  return sites;
}

/** Promise combinators: the promise they return settles only after each one given settles. */
const COMBINATORS = new Set(['all', 'allSettled', 'race', 'any']);

/** Whether the promise `p` makes is awaited by a top-level `await`: directly, through an array or
 *  spread handed to `Promise.all` (and its kin), or through `.then`/`.catch`/`.finally` chains. */
function awaitedAtTop(p: NodePath): boolean {
  let child: NodePath = p;
  let parent = p.parentPath;
  while (parent) {
    if (parent.isAwaitExpression()) return true;
    if (parent.isParenthesizedExpression() || parent.isTSAsExpression() || parent.isTSNonNullExpression() || parent.isSpreadElement() || parent.isArrayExpression()) {
      child = parent;
      parent = parent.parentPath;
      continue;
    }
    if (parent.isMemberExpression() && parent.node.object === child.node && ['then', 'catch', 'finally'].includes(keyName(parent.node.property) ?? '')) {
      const call = parent.parentPath;
      if (!call?.isCallExpression() || call.node.callee !== parent.node) return false;
      child = call;
      parent = call.parentPath;
      continue;
    }
    if (parent.isCallExpression() && parent.node.arguments.includes(child.node as t.Expression)) {
      const callee = parent.node.callee;
      const isCombinator =
        callee.type === 'MemberExpression' &&
        callee.object.type === 'Identifier' &&
        callee.object.name === 'Promise' &&
        !parent.scope.getBinding('Promise') &&
        COMBINATORS.has(keyName(callee.property) ?? '');
      if (!isCombinator) return false;
      child = parent;
      parent = parent.parentPath;
      continue;
    }
    return false;
  }
  return false;
}

export function compareKeys(a: number[], b: number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return a.length - b.length;
}

function minKey(a: number[], b: number[]): number[] {
  return compareKeys(a, b) <= 0 ? a : b;
}

function viaNote(via: NodePath | undefined, text: string, locate: (p: NodePath) => SourceLocation): FindingNote[] {
  return via ? [{ text, location: locate(via) }] : [];
}

function classNameOf(member: NodePath): string | undefined {
  const cls = member.isClass() ? member : member.parentPath?.parentPath;
  const node = cls?.node as t.Class | undefined;
  if (node?.id) return `\`${node.id.name}\``;
  // `const Name = class { ... }`: the class takes the variable's name.
  const declarator = cls?.parentPath;
  if (declarator?.isVariableDeclarator() && declarator.node.id.type === 'Identifier') return `\`${declarator.node.id.name}\``;
  return undefined;
}

function isWrapperFile(fileName: string, modules: RuntimeModule[]): boolean {
  const bare = stripExtension(fileName);
  return modules.some(
    (m) =>
      (m.path !== undefined && (m.path === bare || `${m.path}/index` === bare)) ||
      (m.specifier !== undefined && m.specifier !== RUNTIME_MODULE.specifier && fileName.split(path.sep).join('/').includes(`/node_modules/${m.specifier}/`)),
  );
}

/** The function's run-time `name` as far as the source shows it. */
function runtimeName(arg: NodePath | undefined): string {
  if (!arg?.node) return '';
  if (arg.isIdentifier()) {
    const binding = arg.scope.getBinding(arg.node.name);
    if (binding?.path.isImportSpecifier()) return keyName(binding.path.node.imported) ?? arg.node.name;
    if (binding?.path.isFunctionDeclaration() && binding.path.node.id) return binding.path.node.id.name;
    if (binding?.path.isVariableDeclarator()) {
      const init = binding.path.get('init');
      if (init.isFunctionExpression() && init.node.id) return init.node.id.name;
    }
    return arg.node.name;
  }
  if (arg.isMemberExpression()) return keyName(arg.node.property) ?? '';
  if (arg.isCallExpression()) {
    const callee = arg.get('callee');
    if (callee.isMemberExpression() && keyName(callee.node.property) === 'bind') {
      return `bound ${runtimeName(callee.get('object') as NodePath)}`;
    }
    return '';
  }
  if (arg.isFunctionExpression() && arg.node.id) return arg.node.id.name;
  return '';
}

function describeRegistration(site: RegistrationSite, source: string, locate: (p: NodePath, node?: t.Node) => SourceLocation): HookRegistration {
  if (site.kind === 'decorator') {
    const owner = site.path.parentPath!;
    const member = owner.isClassMethod() || owner.isClassPrivateMethod() ? functionName(owner) : '';
    // The runtime names a decorated method `Class.method`.
    return {
      phase: site.phase,
      kind: 'decorator',
      name: `${classNameOf(owner)?.slice(1, -1) ?? '<anonymous>'}.${member}`,
      expression: member,
      location: locate(site.path),
      when: 'unknown',
      orderKeys: [],
    };
  }
  const call = site.path as NodePath<t.CallExpression>;
  const arg = call.get('arguments')[0] as NodePath | undefined;
  const text = arg?.node ? source.slice(arg.node.start ?? 0, arg.node.end ?? 0).replace(/\s+/g, ' ') : '';
  return {
    phase: site.phase,
    kind: 'call',
    name: runtimeName(arg) || '<anonymous>',
    expression: text.length > 80 ? `${text.slice(0, 77)}...` : text,
    location: locate(call, call.node.callee),
    when: 'unknown',
    orderKeys: [],
  };
}
