// What calling (or constructing) one export of a library does at once, read from the library's
// installed code: whether it opens a socket or draws randomness before it returns. The uniqueness
// lint asks it about the factories and constructors whose results the user keeps at init
// (`mqtt.connect(url)`, `new ObjectId()`, `hyperid()`), so that no table has to know them.
//
// The reading is a small, bounded interprocedural walk over Babel trees of the library's files:
// from the export (through ES and CommonJS re-exports, `Object.defineProperty(exports, ...)`
// getters and `__exportStar`), into the function's body or the class's constructor (and its
// superclass's), following calls of the file's own functions and classes, `this.method()`,
// functions imported from the package's other files and from its dependencies. Nested functions
// are not entered (callbacks run later), except immediately invoked ones and promise executors.
// Everything is cached per file and per function; a walk stops after a fixed number of bodies.
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import type * as t from '@babel/types';
import { parse } from '@babel/parser';
import { walk } from '../ast/walk.js';
import { importsAsEsm, resolveFiles } from './resolve.js';
import { bindParams, decide, evaluate, FUNCTION, type Frame, literal, type ObjectValue, UNKNOWN, type Value } from './values.js';
import { moduleBodies } from './wrappers.js';

export interface CallEffects {
  /** It opens a socket (net/tls connect, http(s) request, WebSocket, fetch). */
  sockets: boolean;
  /** It draws randomness. */
  random: boolean;
  /** It calls a method named `connect` / `open` (on anything). */
  connects?: boolean;
  /** It arms a timer (setTimeout / setInterval), unref'd or not: an unref'd timer is armed in the snapshot too. */
  timers?: boolean;
  /** It reads the clock (Date.now(), new Date(), performance.now()). */
  clock?: boolean;
  /** It makes a server (http/https/http2/net/tls createServer): what it returns serves, it is no client. */
  servers?: boolean;
  /** When the call returns a function (a generator: `init()`, `hyperid()`), what calling that does. */
  generator?: CallEffects;
}

/** A value a name denotes in the library: a function or class, or a whole module. */
type Definition =
  | { kind: 'function'; node: t.Function | t.Class; file: FileIndex }
  | { kind: 'module'; file: FileIndex }
  /** A Node.js built-in's export (`net.connect`, `crypto.randomUUID`), or the module ('*'). */
  | { kind: 'builtin'; specifier: string; name: string }
  /** What `new F()` makes (a class's or a constructor function's instance). */
  | { kind: 'instance'; of: FunctionDefinition }
  /** An object literal (a factory's returned API: `{ new: generate, toUUID }`). */
  /** `ctx`: the function it was made in, whose variables its shorthand properties name (`return { utils }`). */
  | { kind: 'object'; node: t.ObjectExpression; file: FileIndex; ctx?: Context }
  /** What a call not followed returns, made from object literals it is given (`Object.defineProperties({},
   *  { ...createPropDescriptors({ instant() {...} }) })`, `Base.extend({ random() {...} })`): their members, after `base`'s. */
  | { kind: 'mixed'; base?: Definition; nodes: t.ObjectExpression[]; file: FileIndex; ctx?: Context };
type FunctionDefinition = { kind: 'function'; node: t.Function | t.Class; file: FileIndex };

interface FileIndex {
  file: string;
  program: t.Program;
  /** Top-level declarations and variables, by local name. */
  locals: Map<string, t.Node>;
  /** Local names bound to `require('x')` / `import ... from 'x'`: the specifier and the imported name ('*' for the module). */
  imports: Map<string, { specifier: string; name: string }>;
  /** Export name → the expression or declaration exported, or a re-export. */
  exports: Map<string, { node?: t.Node; from?: string; name?: string }>;
  /** `export * from`, `__exportStar(require(...))`: specifiers searched for names not found. */
  stars: string[];
  /** Properties assigned at top level to a local function or class (`cuid.slug = slug`), by its node. */
  statics: Map<t.Node, Map<string, t.Node>>;
  /** Methods of a constructor function (`F.prototype.m = function`, `F.prototype = {...}`), by its node. */
  protos: Map<t.Node, Map<string, t.Node>>;
  /** A prototype method's constructor function, for `this.m()` inside it. */
  protoOwner: Map<t.Node, t.Node>;
  /** Local names standing for `exports` besides `exports` itself (a UMD factory's parameter). */
  exportNames: Set<string>;
  /** Whether the file is an ES module (its own imports resolve with the `import` condition). */
  esm: boolean;
  /** The class each class member belongs to, wherever the class is (in a wrapper, a function). */
  classOf: WeakMap<t.Node, t.Class>;
  /** `__export(target, { name: () => local })` (esbuild's export maps), by the target's local name. */
  exportMaps: Map<string, Map<string, t.Node>>;
  /** How many times a module variable is assigned after its declaration, by name (counted when asked). */
  reassigned: Map<string, number>;
}

const BUILTINS = new Set(builtinModules);
const CONNECT_NAMES = /^(?:_?connect|open|_open)$/;

/** What calling a Node.js built-in does: connecting sockets, requests, random draws. */
function builtinEffects(specifier: string, exportName: string): CallEffects {
  const sockets =
    (/^(?:net|tls|http2)$/.test(specifier) && /^(?:connect|createConnection)$/.test(exportName)) ||
    (/^https?$/.test(specifier) && /^(?:request|get)$/.test(exportName)) ||
    (specifier === 'dgram' && exportName === 'createSocket');
  const random = specifier === 'crypto' && RANDOM_NAMES.test(exportName);
  const servers = /^(?:net|tls|http2?|https)$/.test(specifier) && /^create(?:Secure)?Server$/.test(exportName);
  return { sockets, random, ...(servers ? { servers } : {}) };
}
const RANDOM_NAMES = /^(?:random(?:Bytes|UUID|Int|Fill|FillSync)|getRandomValues|pseudoRandomBytes|generateKeyPair(?:Sync)?|generateKey(?:Sync)?)$/;
/** Methods that call the function they are given before they return (arrays' iteration, `Array.from`, `String#replace`). */
const SYNC_CALLBACKS = /^(?:forEach|map|flatMap|filter|reduce|reduceRight|some|every|find|findIndex|findLast|findLastIndex|sort|from|replace|replaceAll)$/;
/** Bodies walked per question at most. */
const BUDGET = 1000;

const files = new Map<string, FileIndex | null>();
const effectsOf = new WeakMap<t.Node, CallEffects>();
/** What a call of a function surely does, its undecided branches left out (see Reader's `strict`). */
const strictEffectsOf = new WeakMap<t.Node, CallEffects>();
/** What every call of a function does, its branches left out. */
const alwaysEffectsOf = new WeakMap<t.Node, CallEffects>();

function readIndex(file: string): FileIndex | undefined {
  const known = files.get(file);
  if (known !== undefined) return known ?? undefined;
  let index: FileIndex | null = null;
  try {
    const source = fs.readFileSync(file, 'utf8');
    const program = parse(source, {
      sourceType: 'unambiguous',
      allowReturnOutsideFunction: true,
      allowAwaitOutsideFunction: true,
      errorRecovery: true,
      plugins: file.endsWith('.ts') ? ['typescript'] : [],
    }).program;
    index = indexOf(file, program);
  } catch {
    index = null;
  }
  files.set(file, index);
  return index ?? undefined;
}

function sourceOf(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function name(node: t.Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'StringLiteral') return node.value;
  // `#m`: a private member, kept apart from a public `m`.
  if (node.type === 'PrivateName') return `#${node.id.name}`;
  return undefined;
}

function requireOf(node: t.Node | null | undefined): string | undefined {
  if (node?.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require') return name(node.arguments[0]);
  // `__importDefault(require('x'))`, `tslib.__importStar(require('x'))`
  if (node?.type === 'CallExpression' && node.arguments.length === 1) return requireOf(node.arguments[0]);
  return undefined;
}

function isExportsObject(node: t.Node, index?: FileIndex): boolean {
  if (node.type === 'Identifier') return node.name === 'exports' || index?.exportNames.has(node.name) === true;
  return node.type === 'MemberExpression' && node.object.type === 'Identifier' && node.object.name === 'module' && name(node.property) === 'exports';
}

function indexOf(file: string, program: t.Program): FileIndex {
  const index: FileIndex = {
    file,
    program,
    locals: new Map(),
    imports: new Map(),
    exports: new Map(),
    stars: [],
    statics: new Map(),
    protos: new Map(),
    protoOwner: new Map(),
    exportNames: new Set(),
    esm: program.sourceType === 'module',
    classOf: new WeakMap(),
    exportMaps: new Map(),
    reassigned: new Map(),
  };
  // A wrapped body's names do not replace the top level's.
  let nested = false;
  const setLocal = (key: string, value: t.Node): void => {
    if (!nested || !index.locals.has(key)) index.locals.set(key, value);
  };
  const setImport = (key: string, value: { specifier: string; name: string }): void => {
    if (!nested || !index.imports.has(key)) index.imports.set(key, value);
  };
  const bind = (local: string, init: t.Node): void => {
    // `var elliptic = exports;` then `elliptic.ec = require('./elliptic/ec')`: an alias of the exports.
    if (isExportsObject(init, index)) {
      index.exportNames.add(local);
      return;
    }
    // `var hat = module.exports = function () {...}`: the export, and the local name of what is exported.
    if (init.type === 'AssignmentExpression' && init.operator === '=' && init.left.type === 'MemberExpression') {
      commonJsExport(init, index);
      let value: t.Node = init;
      while (value.type === 'AssignmentExpression') value = value.right;
      init = value;
    }
    const specifier = requireOf(init);
    if (specifier !== undefined) setImport(local, { specifier, name: '*' });
    else if (init.type === 'MemberExpression' && requireOf(init.object) !== undefined && name(init.property)) {
      setImport(local, { specifier: requireOf(init.object)!, name: name(init.property)! });
    } else setLocal(local, init);
  };
  const declare = (node: t.Node): void => {
    if ((node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration') && node.id) setLocal(node.id.name, node);
    if (node.type === 'VariableDeclaration') {
      for (const d of node.declarations) {
        if (d.id.type === 'Identifier' && d.init) bind(d.id.name, d.init);
        else if (d.id.type === 'ObjectPattern' && d.init) {
          // const { randomUUID } = require('crypto')
          const specifier = requireOf(d.init);
          for (const prop of d.id.properties) {
            if (prop.type !== 'ObjectProperty' || prop.value.type !== 'Identifier') continue;
            const key = name(prop.key);
            if (specifier !== undefined && key) setImport(prop.value.name, { specifier, name: key });
          }
        }
      }
    }
  };
  const bodies = moduleBodies(program);
  for (const body of bodies) {
    nested = body.statements !== program.body;
    for (const exportName of body.exportNames) index.exportNames.add(exportName);
    for (const [local, specifier] of body.requires) setImport(local, { specifier, name: '*' });
    for (const statement of body.statements) {
      declare(statement);
      switch (statement.type) {
        case 'ImportDeclaration':
          for (const s of statement.specifiers) {
            const imported = s.type === 'ImportSpecifier' ? (name(s.imported) ?? s.local.name) : s.type === 'ImportDefaultSpecifier' ? 'default' : '*';
            index.imports.set(s.local.name, { specifier: statement.source.value, name: imported });
          }
          break;
        case 'ExportNamedDeclaration':
          if (statement.declaration) {
            declare(statement.declaration);
            const d = statement.declaration;
            if ((d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') && d.id) index.exports.set(d.id.name, { node: d });
            if (d.type === 'VariableDeclaration') for (const v of d.declarations) if (v.id.type === 'Identifier' && v.init) index.exports.set(v.id.name, { node: v.init });
          }
          for (const s of statement.specifiers) {
            const exported = name((s as t.ExportSpecifier).exported);
            const local = s.type === 'ExportSpecifier' ? name(s.local) : undefined;
            if (!exported) continue;
            if (statement.source) index.exports.set(exported, { from: statement.source.value, name: s.type === 'ExportNamespaceSpecifier' ? '*' : (local ?? exported) });
            else if (local) index.exports.set(exported, { node: { type: 'Identifier', name: local } as t.Identifier });
          }
          break;
        case 'ExportAllDeclaration':
          index.stars.push(statement.source.value);
          break;
        case 'ExportDefaultDeclaration':
          index.exports.set('default', { node: statement.declaration });
          break;
        case 'ExpressionStatement':
          exportMap(statement.expression, index);
          commonJsExport(statement.expression, index);
          // CoffeeScript and UMD bodies assign hoisted variables: `EventEmitter = require('events').EventEmitter`.
          for (const e of statement.expression.type === 'SequenceExpression' ? statement.expression.expressions : [statement.expression]) {
            if (e.type === 'AssignmentExpression' && e.operator === '=' && e.left.type === 'Identifier' && e.left.name !== 'exports') {
              bind(e.left.name, e.right.type === 'AssignmentExpression' && e.right.left.type === 'Identifier' ? e.right.right : e.right);
            }
          }
          break;
        case 'ReturnStatement':
          // `module.exports = factory()`: what the factory returns is the module.
          if (body.returnsModule && statement.argument && !index.exports.has('default')) {
            index.exports.set('default', { node: statement.argument });
            if (statement.argument.type === 'ObjectExpression') objectExports(statement.argument, index);
          }
          break;
        default:
      }
    }
    for (const statement of body.statements) if (statement.type === 'ExpressionStatement') memberAssignment(statement.expression, index);
    // `if (typeof module !== 'undefined') { module.exports = uuid; }`: an export made under an environment test.
    for (const statement of body.statements) for (const e of conditionalExpressions(statement)) commonJsExport(e, index);
  }
  nestedMembers(index);
  // Every class's members, wherever the class is declared: `this.m()` inside one needs its class.
  walk(program, (node) => {
    if (node.type === 'ClassDeclaration' || node.type === 'ClassExpression') for (const member of node.body.body) index.classOf.set(member, node);
  });
  return index;
}

/** The object literals a call is given, directly or through a spread or a helper's call in one
 *  (`{ ...createPropDescriptors({ ... }) }`), two levels deep. */
function objectArguments(call: t.CallExpression, depth = 0): t.ObjectExpression[] {
  const out: t.ObjectExpression[] = [];
  for (const arg of call.arguments) {
    if (arg.type === 'ObjectExpression') {
      out.push(arg);
      if (depth < 2)
        for (const prop of arg.properties) if (prop.type === 'SpreadElement' && prop.argument.type === 'CallExpression') out.push(...objectArguments(prop.argument, depth + 1));
    } else if (arg.type === 'CallExpression' && depth < 2) out.push(...objectArguments(arg, depth + 1));
  }
  return out;
}

/** The expression statements of a top-level `if`'s branches (nested ifs too, a few levels): a
 *  browser/Node.js environment test around the export. */
function conditionalExpressions(statement: t.Statement, depth = 0): t.Expression[] {
  if (statement.type !== 'IfStatement' || depth > 3) return [];
  const out: t.Expression[] = [];
  for (const branch of [statement.consequent, statement.alternate]) {
    if (!branch) continue;
    for (const s of branch.type === 'BlockStatement' ? branch.body : [branch]) {
      if (s.type === 'ExpressionStatement') out.push(s.expression);
      else out.push(...conditionalExpressions(s, depth + 1));
    }
  }
  return out;
}

/** `module.exports = { a, b: c }`: each property is a named export too. */
function objectExports(object: t.ObjectExpression, index: FileIndex): void {
  for (const prop of object.properties) {
    if (prop.type === 'ObjectProperty' && name(prop.key) && !index.exports.has(name(prop.key)!)) index.exports.set(name(prop.key)!, { node: prop.value });
    if (prop.type === 'ObjectMethod' && name(prop.key) && !index.exports.has(name(prop.key)!)) index.exports.set(name(prop.key)!, { node: prop });
  }
}

/** esbuild's `__export(target, { Cron: () => S, ... })`: the names a later `module.exports = __toCommonJS(target)` exports. */
function exportMap(expression: t.Expression, index: FileIndex): void {
  if (expression.type === 'SequenceExpression') for (const e of expression.expressions) exportMap(e, index);
  if (expression.type !== 'CallExpression' || expression.arguments.length !== 2) return;
  const [target, map] = expression.arguments;
  if (target?.type !== 'Identifier' || map?.type !== 'ObjectExpression' || map.properties.length === 0) return;
  const entries = new Map<string, t.Node>();
  for (const prop of map.properties) {
    const key = prop.type === 'ObjectProperty' || prop.type === 'ObjectMethod' ? name(prop.key) : undefined;
    const getter = prop.type === 'ObjectProperty' ? prop.value : undefined;
    if (!key || getter?.type !== 'ArrowFunctionExpression' || getter.body.type === 'BlockStatement') return;
    entries.set(key, getter.body);
  }
  index.exportMaps.set(target.name, entries);
  // An ES build's own `export` of the map's target is not needed: the names are the module's.
  if (target.name === 'exports' || index.exportNames.has(target.name)) for (const [key, value] of entries) index.exports.set(key, { node: value });
}

/** `F.x = v`, `F.prototype.m = fn`, `F.prototype = { ... }` at top level, for a local F. */
function memberAssignment(expression: t.Expression, index: FileIndex, scope: (name: string) => t.Node | undefined = (n) => index.locals.get(n)): void {
  if (expression.type === 'SequenceExpression') for (const e of expression.expressions) memberAssignment(e, index, scope);
  if (expression.type !== 'AssignmentExpression' || expression.left.type !== 'MemberExpression') return;
  const left = expression.left;
  const member = name(left.property);
  const ownerOf = (node: t.Node): t.Node | undefined => {
    const local = node.type === 'Identifier' ? scope(node.name) : undefined;
    return local && (isFunction(local) || local.type === 'ClassDeclaration' || local.type === 'ClassExpression') ? local : undefined;
  };
  /** `_proto` of Babel's `var _proto = F.prototype`: F. */
  const prototypeOf = (node: t.Node): t.Node | undefined => {
    const local = node.type === 'Identifier' ? scope(node.name) : undefined;
    return local?.type === 'MemberExpression' && name(local.property) === 'prototype' ? ownerOf(local.object) : undefined;
  };
  const add = (map: Map<t.Node, Map<string, t.Node>>, owner: t.Node, key: string, value: t.Node): void => {
    if (!map.has(owner)) map.set(owner, new Map());
    map.get(owner)!.set(key, value);
    if (map === index.protos && isFunction(value)) index.protoOwner.set(value, owner);
  };
  if (left.object.type === 'MemberExpression' && name(left.object.property) === 'prototype' && member) {
    const owner = ownerOf(left.object.object);
    if (owner) add(index.protos, owner, member, expression.right);
  } else if (member === 'prototype' && expression.right.type === 'ObjectExpression') {
    const owner = ownerOf(left.object);
    if (owner) {
      for (const prop of expression.right.properties) {
        if (prop.type === 'ObjectProperty' && name(prop.key)) add(index.protos, owner, name(prop.key)!, prop.value);
        if (prop.type === 'ObjectMethod' && name(prop.key)) add(index.protos, owner, name(prop.key)!, prop);
      }
    }
  } else if (member && prototypeOf(left.object)) {
    add(index.protos, prototypeOf(left.object)!, member, expression.right);
  } else if (member) {
    const owner = ownerOf(left.object);
    if (owner) add(index.statics, owner, member, expression.right);
  }
  if (expression.right.type === 'AssignmentExpression') memberAssignment(expression.right, index, scope);
}

/** Transpiled classes (Babel's loose mode, TypeScript's ES5 output): `var Instant = function (_Temporal) {
 *  function Instant() {...} Instant.now = ...; var _proto = Instant.prototype; _proto.m = ...; return Instant; }(Temporal)`.
 *  Statics and prototype methods assigned in any function body, to a function declared in that body. */
function nestedMembers(index: FileIndex): void {
  walk(index.program, (node) => {
    if (!isFunction(node) || (node as t.Function).body.type !== 'BlockStatement') return;
    const body = (node as t.Function).body as t.BlockStatement;
    const declared = new Map<string, t.Node>();
    for (const statement of body.body) {
      if ((statement.type === 'FunctionDeclaration' || statement.type === 'ClassDeclaration') && statement.id) declared.set(statement.id.name, statement);
      if (statement.type === 'VariableDeclaration') for (const d of statement.declarations) if (d.id.type === 'Identifier' && d.init) declared.set(d.id.name, d.init);
    }
    if (declared.size === 0) return;
    // Minified builds put the assignments in the return: `return m.parse = function () {...}, m.init = ..., M`.
    for (const statement of body.body) {
      const expression = statement.type === 'ExpressionStatement' ? statement.expression : statement.type === 'ReturnStatement' ? statement.argument : undefined;
      if (expression) memberAssignment(expression, index, (n) => declared.get(n));
    }
  });
}

function commonJsExport(expression: t.Expression, index: FileIndex): void {
  // exports.x = ..., module.exports.x = ..., module.exports = ...; chains `exports.a = exports.b = ...`
  // `exports = module.exports = require('./lib/x')`
  if (expression.type === 'AssignmentExpression' && expression.left.type === 'Identifier' && expression.right.type === 'AssignmentExpression') {
    commonJsExport(expression.right, index);
    return;
  }
  if (expression.type === 'AssignmentExpression' && expression.left.type === 'MemberExpression') {
    const left = expression.left;
    if (isExportsObject(left.object, index) && name(left.property)) {
      index.exports.set(name(left.property)!, { node: expression.right });
    } else if (isExportsObject(left, index)) {
      index.exports.set('default', { node: expression.right });
      // esbuild: `module.exports = __toCommonJS(target)` after `__export(target, { ... })`.
      const target = expression.right.type === 'CallExpression' && expression.right.arguments.length === 1 ? expression.right.arguments[0] : expression.right;
      const map = target?.type === 'Identifier' ? index.exportMaps.get(target.name) : undefined;
      if (map) for (const [key, value] of map) index.exports.set(key, { node: value });
      if (expression.right.type === 'ObjectExpression') {
        for (const prop of expression.right.properties) {
          if (prop.type === 'ObjectProperty' && name(prop.key)) index.exports.set(name(prop.key)!, { node: prop.value });
        }
      }
      const specifier = requireOf(expression.right);
      if (specifier !== undefined) index.stars.push(specifier);
    }
    if (expression.right.type === 'AssignmentExpression') commonJsExport(expression.right, index);
    return;
  }
  if (expression.type === 'CallExpression') {
    const callee = expression.callee;
    const calleeName = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? name(callee.property) : undefined;
    // Object.defineProperty(exports, "x", { enumerable: true, get: function () { return m.x; } })
    if (calleeName === 'defineProperty' && expression.arguments[0] && isExportsObject(expression.arguments[0], index)) {
      const exported = name(expression.arguments[1]);
      const descriptor = expression.arguments[2];
      if (!exported || descriptor?.type !== 'ObjectExpression') return;
      for (const prop of descriptor.properties) {
        const getter =
          prop.type === 'ObjectMethod'
            ? prop
            : prop.type === 'ObjectProperty' && (prop.value.type === 'FunctionExpression' || prop.value.type === 'ArrowFunctionExpression')
              ? prop.value
              : undefined;
        if (prop.type === 'ObjectProperty' && name(prop.key) === 'value') index.exports.set(exported, { node: prop.value });
        if (!getter || name((prop as t.ObjectProperty | t.ObjectMethod).key) !== 'get') continue;
        const body = getter.body;
        const returned = body.type === 'BlockStatement' ? body.body.find((s): s is t.ReturnStatement => s.type === 'ReturnStatement')?.argument : body;
        if (returned) index.exports.set(exported, { node: returned });
      }
      return;
    }
    // __exportStar(require("./x"), exports), __export(require("./x"))
    if (calleeName && /^__export(?:Star)?$/.test(calleeName)) {
      const specifier = requireOf(expression.arguments[0]);
      if (specifier !== undefined) index.stars.push(specifier);
    }
  }
  if (expression.type === 'SequenceExpression') for (const e of expression.expressions) commonJsExport(e, index);
}

/** What a name denotes inside a function being read: its `this`, and its own variables. */
interface Context {
  self?: FunctionDefinition;
  locals?: Map<string, t.Node>;
}

class Reader {
  /** Strict: a branch is read only when the values known for the call decide its guard (what the
   *  call surely does with the arguments given, not what it may do). */
  constructor(private readonly strict = false) {}
  private bodies = 0;
  private readonly memo = new Map<t.Node, Map<string, CallEffects>>();
  private readonly selves = new WeakMap<ObjectValue, number>();

  private selfCount = 0;

  /** An instance state's identity, for the memo: states are made per constructor reading. */
  private selfId(self: ObjectValue): number {
    if (!this.selves.has(self)) this.selves.set(self, ++this.selfCount);
    return this.selves.get(self)!;
  }

  /** What an export of a module denotes (`connect` of mqtt's entry). */
  exportOf(index: FileIndex, exportName: string, seen = new Set<string>()): Definition | undefined {
    const key = `${index.file}\0${exportName}`;
    if (seen.has(key) || seen.size > 40) return undefined;
    seen.add(key);
    const entry = index.exports.get(exportName);
    if (entry?.from !== undefined) return this.moduleValue(entry.from, index.file, entry.name ?? exportName, seen);
    if (entry?.node) return this.valueOf(entry.node, index, seen);
    for (const star of index.stars) {
      const target = this.module(star, index.file);
      const found = target && this.exportOf(target, exportName, seen);
      if (found) return found;
    }
    return undefined;
  }

  module(specifier: string, fromFile: string): FileIndex | undefined {
    return this.modules(specifier, fromFile)[0];
  }

  /** Every entry `specifier` may name from `fromFile` that parses, best first (see resolve.ts). */
  modules(specifier: string, fromFile: string, esm?: boolean): FileIndex[] {
    const importerEsm = esm ?? (files.has(fromFile) ? files.get(fromFile)?.esm : importsAsEsm(fromFile, sourceOf(fromFile))) ?? false;
    return resolveFiles(specifier, fromFile, importerEsm)
      .map(readIndex)
      .filter((index): index is FileIndex => index !== undefined);
  }

  /** A module as a value: a library's file, or a built-in. */
  moduleValue(specifier: string, fromFile: string, exportName: string, seen: Set<string>): Definition | undefined {
    if (BUILTINS.has(specifier.replace(/^node:/, '').split('/')[0]!)) return { kind: 'builtin', specifier: specifier.replace(/^node:/, ''), name: exportName };
    const target = this.module(specifier, fromFile);
    if (!target) return undefined;
    return exportName === '*' ? { kind: 'module', file: target } : this.exportOf(target, exportName, seen);
  }

  /** What an expression of a file denotes. */
  valueOf(node: t.Node, index: FileIndex, seen: Set<string>, ctx: Context = {}): Definition | undefined {
    if (seen.size > 60) return undefined;
    // `(0, exports.uuidv7obj)()`: the module's own exports.
    if (isExportsObject(node, index) && !(node.type === 'Identifier' && (ctx.locals?.has(node.name) || index.locals.has(node.name)))) return { kind: 'module', file: index };
    switch (node.type) {
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
      case 'ClassDeclaration':
      case 'ClassExpression':
      case 'ObjectMethod':
      case 'ClassMethod':
      case 'ClassPrivateMethod':
        return { kind: 'function', node: node as t.Function | t.Class, file: index };
      case 'ObjectExpression':
        return { kind: 'object', node, file: index, ...(ctx.locals ? { ctx } : {}) };
      case 'ThisExpression':
        // A function exported as a property of a CommonJS module and called as its method
        // (`speakeasy.generateSecret()` → `this.generateSecretASCII()`): `this` is the module.
        return ctx.self ? { kind: 'instance', of: ctx.self } : index.esm ? undefined : { kind: 'module', file: index };
      case 'Identifier': {
        const own = ctx.locals?.get(node.name);
        // An object literal keeps the function's variables: its shorthand properties name them.
        if (own && own !== node) return this.valueOf(own, index, seen, own.type === 'ObjectExpression' ? ctx : { ...ctx, locals: undefined });
        const imported = index.imports.get(node.name);
        if (imported) return this.moduleValue(imported.specifier, index.file, imported.name, seen);
        const local = index.locals.get(node.name);
        return local && local !== node ? this.valueOf(local, index, seen) : undefined;
      }
      case 'MemberExpression': {
        const member = name(node.property);
        const object = this.valueOf(node.object, index, seen, ctx);
        if (!member || !object) return undefined;
        return this.memberOf(object, member, seen);
      }
      case 'NewExpression': {
        const made = this.valueOf(node.callee, index, seen, ctx);
        return made?.kind === 'function' ? { kind: 'instance', of: made } : undefined;
      }
      case 'CallExpression': {
        const specifier = requireOf(node);
        if (specifier !== undefined) return this.moduleValue(specifier, index.file, '*', seen);
        const key = `${index.file}\0call@${node.start}`;
        if (seen.has(key)) return undefined;
        seen.add(key);
        // `Object.freeze({ ... })`: the object itself.
        if (
          node.callee.type === 'MemberExpression' &&
          node.callee.object.type === 'Identifier' &&
          node.callee.object.name === 'Object' &&
          /^(?:freeze|seal|preventExtensions)$/.test(name(node.callee.property) ?? '') &&
          node.arguments[0]
        )
          return this.valueOf(node.arguments[0], index, seen, ctx);
        // `(function () { ... }).call(this)`, `f.apply(null, args)`: a call of `f`.
        const callee =
          node.callee.type === 'MemberExpression' && /^(?:call|apply)$/.test(name(node.callee.property) ?? '') && isFunction(node.callee.object) ? node.callee.object : node.callee;
        const called = this.valueOf(callee, index, seen, ctx);
        const returned = called ? this.returnOf(called, seen) : undefined;
        if (returned?.kind === 'function' || returned?.kind === 'instance' || returned?.kind === 'builtin') return returned;
        const nodes = objectArguments(node);
        return nodes.length > 0 ? { kind: 'mixed', ...(returned ? { base: returned } : {}), nodes, file: index, ...(ctx.locals ? { ctx } : {}) } : returned;
      }
      case 'AwaitExpression':
        return this.valueOf(node.argument, index, seen, ctx);
      case 'LogicalExpression':
        return this.valueOf(node.right, index, seen, ctx) ?? this.valueOf(node.left, index, seen, ctx);
      case 'AssignmentExpression':
        return this.valueOf(node.right, index, seen, ctx);
      case 'ConditionalExpression':
        return this.valueOf(node.consequent, index, seen, ctx) ?? this.valueOf(node.alternate, index, seen, ctx);
      case 'SequenceExpression':
        return this.valueOf(node.expressions[node.expressions.length - 1]!, index, seen, ctx);
      default:
        return undefined;
    }
  }

  /** A member of a value: a module's export, a class's static, an instance's method or field, an object's property. */
  memberOf(object: Definition, member: string, seen: Set<string>): Definition | undefined {
    switch (object.kind) {
      case 'module': {
        const named = this.exportOf(object.file, member, seen);
        if (named || member === 'default') return named;
        // `module.exports = make(...)`: a member of what the module exports as a whole.
        const whole = this.exportOf(object.file, 'default', seen);
        return whole && whole.kind !== 'module' ? this.memberOf(whole, member, seen) : undefined;
      }
      case 'builtin':
        return object.name === '*' ? { ...object, name: member } : undefined;
      case 'object': {
        for (const prop of object.node.properties) {
          if (prop.type === 'ObjectMethod' && name(prop.key) === member) return { kind: 'function', node: prop, file: object.file };
          if (prop.type === 'ObjectProperty' && name(prop.key) === member) return this.valueOf(prop.value, object.file, seen, object.ctx);
        }
        return undefined;
      }
      case 'mixed': {
        const inherited = object.base && this.memberOf(object.base, member, seen);
        if (inherited) return inherited;
        for (const node of object.nodes) {
          const found = this.memberOf({ kind: 'object', node, file: object.file, ...(object.ctx ? { ctx: object.ctx } : {}) }, member, seen);
          if (found) return found;
        }
        return undefined;
      }
      case 'function': {
        const found = staticMember(object, member);
        if (found) return found;
        const assigned = object.file.statics.get(object.node)?.get(member);
        return assigned ? this.valueOf(assigned, object.file, seen) : undefined;
      }
      case 'instance':
        return this.instanceMember(object.of, member, seen);
    }
  }

  /** A method (or a field set in the constructor) of an instance of `of`, through its superclasses. */
  instanceMember(of: FunctionDefinition, member: string, seen: Set<string>): Definition | undefined {
    let current: Definition | undefined = of;
    for (let i = 0; current?.kind === 'function' && i < 6; i++) {
      const { node, file }: FunctionDefinition = current;
      const cls: t.Class | undefined = node.type === 'ClassDeclaration' || node.type === 'ClassExpression' ? node : undefined;
      const method = cls ? methodOf(cls, member) : undefined;
      if (method) return { kind: 'function', node: method, file };
      const proto = file.protos.get(node)?.get(member);
      if (proto) return this.valueOf(proto, file, seen);
      const field = fieldOf(current, member);
      if (field) return this.valueOf(field, file, seen, { self: current });
      current = cls?.superClass ? this.valueOf(cls.superClass, file, seen) : undefined;
    }
    return undefined;
  }

  /** What calling a definition returns: a constructed instance, a returned function, object or instance. */
  returnOf(called: Definition, seen: Set<string>): Definition | undefined {
    if (called.kind !== 'function') return undefined;
    const { node, file } = called;
    if (node.type === 'ClassDeclaration' || node.type === 'ClassExpression') return { kind: 'instance', of: called };
    const fn = node as t.Function;
    const locals = localsOf(fn);
    const ctx: Context = { locals, ...(this.ownerOf(called) ? { self: this.ownerOf(called)! } : {}) };
    if (fn.body.type !== 'BlockStatement') return this.valueOf(fn.body, file, seen, ctx);
    let found: Definition | undefined;
    walk(fn.body, (child) => {
      if (found) return false;
      if (child !== fn.body && isFunction(child)) return false;
      // The first return whose value is known (`return crypt0.randomBytes` may name what is not found; a later return may).
      if (child.type === 'ReturnStatement' && child.argument) found = this.valueOf(child.argument, file, seen, ctx);
    });
    // A constructor function (it has prototype methods) that returns nothing makes an instance when constructed.
    return found ?? (file.protos.has(node) ? { kind: 'instance', of: called } : undefined);
  }

  /** The class or constructor function whose method `definition` is. */
  ownerOf(definition: FunctionDefinition): FunctionDefinition | undefined {
    const { node, file } = definition;
    if (node.type === 'ClassDeclaration' || node.type === 'ClassExpression') return definition;
    const cls = enclosingClass(file, node);
    if (cls) return { kind: 'function', node: cls, file };
    const owner = file.protoOwner.get(node);
    if (owner) return { kind: 'function', node: owner as t.Function, file };
    // A constructor function reads its own prototype through `this`.
    if (file.protos.has(node)) return definition;
    return undefined;
  }

  /** What calling (or constructing) a definition does before it returns. With `args` (the
   *  user's own call), a branch guarded by a parameter the call leaves out or passes as a falsy
   *  literal (`if (start) this.start()`) is not taken. */
  effects(given: Definition, depth = 0, args?: Value[], always = false, self?: ObjectValue): CallEffects {
    const none = { sockets: false, random: false };
    if (given.kind === 'builtin') return builtinEffects(given.specifier, given.name);
    // A CommonJS module called or constructed is its `module.exports`.
    const definition = given.kind === 'module' ? this.exportOf(given.file, 'default', new Set()) : given;
    if (definition?.kind === 'builtin') return builtinEffects(definition.specifier, definition.name);
    if (definition?.kind !== 'function') return none;
    const { node, file } = definition;
    const cache = always ? alwaysEffectsOf : this.strict ? strictEffectsOf : effectsOf;
    const plain = !args && !self;
    // A call with known values is read once per values (a parser called with the same literals is read once).
    const key = plain ? '' : `${always}|${args ? args.map(keyOfValue).join(',') : '-'}|${self ? this.selfId(self) : '-'}`;
    const byValues = plain ? undefined : (this.memo.get(node) ?? this.memo.set(node, new Map()).get(node)!);
    const known = plain ? cache.get(node) : byValues!.get(key);
    if (known) return known;
    if (depth > 10 || this.bodies++ > BUDGET) return none;
    const result: CallEffects = { sockets: false, random: false };
    // Set first: recursion through a cycle sees "nothing yet".
    if (plain) cache.set(node, result);
    else byValues!.set(key, result);
    const merge = (more: CallEffects | undefined): void => {
      if (!more) return;
      result.sockets ||= more.sockets;
      result.random ||= more.random;
      result.connects ||= more.connects;
      result.timers ||= more.timers;
      result.clock ||= more.clock;
      result.servers ||= more.servers;
    };
    const cls = node.type === 'ClassDeclaration' || node.type === 'ClassExpression' ? node : undefined;
    const ctor = cls?.body.body.find((m): m is t.ClassMethod => m.type === 'ClassMethod' && m.kind === 'constructor');
    const bodies: t.Node[] = [];
    if (cls) {
      if (ctor) bodies.push(ctor.body);
      for (const member of cls.body.body)
        if ((member.type === 'ClassProperty' || member.type === 'ClassPrivateProperty') && !member.static && member.value) bodies.push(member.value);
      // The superclass's constructor runs too (through super(), or implicitly).
      if (cls.superClass) {
        const parent = this.valueOf(cls.superClass, file, new Set());
        if (parent) merge(this.effects(parent, depth + 1, undefined, always));
      }
    } else {
      bodies.push((node as t.Function).body);
    }
    const fn = (ctor ?? (cls ? undefined : (node as t.Function))) as t.Function | undefined;
    const locals = fn ? localsOf(fn) : new Map<string, t.Node>();
    const owner = this.ownerOf(definition);
    const ctx: Context = { locals, ...(owner ? { self: owner } : {}) };
    const resolve = (callee: t.Node): Definition | undefined => this.valueOf(callee, file, new Set(), ctx);
    // What this call knows: its arguments, the library's defaults, what the constructor stored.
    const frame: Frame = { vars: new Map(), ...(self ? { self } : {}), lookup: (n, d) => moduleConstant(file, n, d) };
    bindParams(fn?.params ?? [], args, frame);
    constants(fn, frame);
    if (cls) frame.self = instanceState(cls, ctor, frame);
    const decided = (test: t.Node): boolean | undefined => (always ? undefined : decide(test, frame));
    /** The values a call in the body passes, or undefined when none is known (the plain, cached reading). */
    const passed = (call: t.CallExpression | t.NewExpression): Value[] | undefined => {
      // A spread passes any number of arguments: none is known by position.
      if (call.arguments.some((arg) => arg.type === 'SpreadElement')) return undefined;
      const values = call.arguments.map((arg) => evaluate(arg, frame));
      // No argument at all is known too: every parameter takes its default.
      return values.length === 0 || values.some((v) => v !== UNKNOWN) ? values : undefined;
    };
    /** `this.m()` (or `self.m()`): the method runs on the same instance, with its state. */
    const onSelf = (callee: t.Node): boolean =>
      callee.type === 'MemberExpression' &&
      (callee.object.type === 'ThisExpression' || (callee.object.type === 'Identifier' && locals.get(callee.object.name)?.type === 'ThisExpression'));
    const visit = (child: t.Node, parent: t.Node | undefined): boolean | undefined => {
      if (result.sockets && result.random && result.timers && result.clock) return false;
      // Asked what every call does: a branch may not run.
      if (always && (child.type === 'IfStatement' || child.type === 'ConditionalExpression' || child.type === 'SwitchStatement')) {
        walk(child.type === 'SwitchStatement' ? child.discriminant : child.test, visit, child, 'test');
        return false;
      }
      // A guard known for this call takes one branch (`if (this.options.checkperiod > 0)` with 0: none).
      if (child.type === 'IfStatement' || child.type === 'ConditionalExpression') {
        const test = decided(child.test);
        if (test !== undefined) {
          walk(child.test, visit, child, 'test');
          const branch = test ? child.consequent : child.alternate;
          if (branch) walk(branch, visit, child, test ? 'consequent' : 'alternate');
          return false;
        }
        if (this.strict) {
          walk(child.test, visit, child, 'test');
          return false;
        }
      }
      // `options.currentDate ?? new Date()`: the right side runs only when the left is null or undefined.
      if (child.type === 'LogicalExpression' && child.operator === '??' && !always) {
        const left = evaluate(child.left, frame);
        if (left !== UNKNOWN || this.strict) {
          walk(child.left, visit, child, 'left');
          if (left === undefined || left === null) walk(child.right, visit, child, 'right');
          return false;
        }
      }
      if (this.strict && child.type === 'SwitchStatement') {
        walk(child.discriminant, visit, child, 'discriminant');
        return false;
      }
      if (child.type === 'LogicalExpression' && child.operator !== '??') {
        const test = decided(child.left);
        if (test !== undefined) {
          walk(child.left, visit, child, 'left');
          if (test === (child.operator === '&&')) walk(child.right, visit, child, 'right');
          return false;
        }
        if (this.strict) {
          walk(child.left, visit, child, 'left');
          return false;
        }
      }
      if (child !== fn?.body && bodies[0] !== child && isFunction(child)) {
        // Callbacks run later; an immediately invoked function or a promise executor runs now.
        const invoked = parent?.type === 'CallExpression' && parent.callee === child;
        const executor = parent?.type === 'NewExpression' && parent.callee.type === 'Identifier' && parent.callee.name === 'Promise';
        // An array's own iteration (`dictionaries.reduce((acc, d) => ...)`, `Array.from({ length }, fn)`) calls back at once.
        const iterated =
          parent?.type === 'CallExpression' &&
          parent.arguments.includes(child as t.Expression) &&
          parent.callee.type === 'MemberExpression' &&
          SYNC_CALLBACKS.test(name(parent.callee.property) ?? '');
        if (!invoked && !executor && !iterated) return false;
      }
      if (child.type !== 'CallExpression' && child.type !== 'NewExpression') return;
      // Arguments run before the call (`Instant.ofEpochMilli(this.millis())`): read them first, so a
      // long callee does not spend the budget before them.
      walk(child.callee, visit, child, 'callee');
      for (const arg of child.arguments) walk(arg, visit, child, 'arguments');
      let callee: t.Node = child.callee;
      // (0, m.f)(...)
      if (callee.type === 'SequenceExpression') callee = callee.expressions[callee.expressions.length - 1]!;
      const method = callee.type === 'MemberExpression' ? name(callee.property) : callee.type === 'Identifier' ? callee.name : undefined;
      const object = callee.type === 'MemberExpression' && callee.object.type === 'Identifier' ? callee.object.name : undefined;
      if (object === 'Math' && method === 'random') result.random = true;
      else if (method && RANDOM_NAMES.test(method)) result.random = true;
      else if (child.type === 'NewExpression' && method === 'WebSocket') result.sockets = true;
      else if (child.type === 'CallExpression' && callee.type === 'Identifier' && callee.name === 'fetch' && !file.locals.has('fetch')) result.sockets = true;
      if (
        (object === 'Date' && method === 'now') ||
        (object === 'performance' && method === 'now') ||
        (child.type === 'NewExpression' && method === 'Date' && child.arguments.length === 0 && !overwrittenDate(parent, bodies))
      )
        result.clock = true;
      // A timer armed: unref() only lets the process exit, the timer stays armed in the snapshot.
      if (
        child.type === 'CallExpression' &&
        method &&
        /^set(?:Timeout|Interval)$/.test(method) &&
        (callee.type === 'Identifier' ? !file.locals.has(method) : object === 'global' || object === 'globalThis')
      )
        result.timers = true;
      // A method named for connecting, whatever its receiver (`this.connector.connect()`): the
      // caller decides, with what the package's code opens, whether it is a socket.
      if (method && CONNECT_NAMES.test(method)) result.connects = true;
      // `f.call(this, ...)`, `Parent.apply(this, arguments)`: a call of `f`.
      if (callee.type === 'MemberExpression' && (method === 'call' || method === 'apply')) {
        const fn = resolve(callee.object);
        if (fn?.kind === 'function') merge(this.effects(fn, depth + 1, undefined, always));
      }
      const target = resolve(callee);
      if (target) merge(this.effects(target.kind === 'instance' ? target.of : target, depth + 1, passed(child), always, onSelf(callee) ? frame.self : undefined));
      return false;
    };
    // Parameters' defaults run with the call (`generate({ timestamp = Date.now() } = {})`).
    // A default the call gives a value for does not run (`new TOTP({ secret })` draws no `new Secret()`).
    for (const [i, param] of (fn?.params ?? []).entries()) walkParam(param, args ? (args[i] === undefined ? ABSENT : args[i]!) : UNKNOWN, this.strict, visit, frame);
    for (const body of bodies) walk(body, visit);
    return result;
  }
}

/** The state an instance of a class is left in by its constructor called with `args` (literals only). */
function constructedState(of: FunctionDefinition, args: t.Node[]): ObjectValue | undefined {
  const cls = of.node.type === 'ClassDeclaration' || of.node.type === 'ClassExpression' ? of.node : undefined;
  if (!cls) return undefined;
  const ctor = cls.body.body.find((m): m is t.ClassMethod => m.type === 'ClassMethod' && m.kind === 'constructor');
  const frame: Frame = { vars: new Map(), lookup: (n, d) => moduleConstant(of.file, n, d) };
  bindParams(ctor?.params ?? [], args.map(literal), frame);
  constants(ctor, frame);
  return instanceState(cls, ctor, frame);
}

/** A module-level value written as a literal (`const DEFAULTS = { bufferSize: 0 }`), if the file never assigns the name again. */
function moduleConstant(file: FileIndex, variable: string, depth: number): Value {
  const init = file.locals.get(variable);
  if (!init || !/^(?:ObjectExpression|NumericLiteral|StringLiteral|BooleanLiteral|NullLiteral|TemplateLiteral|UnaryExpression)$/.test(init.type)) return UNKNOWN;
  let reassigned = false;
  let assignments = file.reassigned.get(variable);
  if (assignments === undefined) {
    assignments = 0;
    walk(file.program, (child) => {
      if (child.type === 'AssignmentExpression' && child.left.type === 'Identifier' && child.left.name === variable) assignments!++;
    });
    file.reassigned.set(variable, assignments);
  }
  reassigned = assignments > 0;
  return reassigned ? UNKNOWN : evaluate(init, { vars: new Map(), lookup: (n, d) => moduleConstant(file, n, d) }, depth);
}

/** A value as a memo key. */
function keyOfValue(value: Value, depth = 0): string {
  if (value === UNKNOWN) return '?';
  if (value === FUNCTION) return 'f';
  // An instance's state may hold itself (`this.self = this`): objects below a few levels are one key.
  if (typeof value === 'object' && value !== null)
    return depth > 3 ? '{…}' : `{${[...value.props].map(([k, v]) => `${k}:${keyOfValue(v, depth + 1)}`).join(',')}${value.closed ? '' : ',…'}}`;
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** A function's own variables whose values are known for this call: a `const` (`const period =
 *  options.period ?? 600`), or a `let`/`var` every assignment of which gives the same value
 *  (`let fn; if (isFunction(a)) fn = a;` with no function given: undefined on every path). */
function constants(fn: t.Function | undefined, frame: Frame): void {
  if (fn?.body.type !== 'BlockStatement') return;
  const candidates = new Map<string, Array<t.Node | undefined>>();
  const changed = new Set<string>();
  for (const statement of fn.body.body) {
    if (statement.type !== 'VariableDeclaration') continue;
    for (const d of statement.declarations) {
      if (d.id.type !== 'Identifier' || frame.vars.has(d.id.name)) continue;
      if (statement.kind === 'const' && d.init) frame.vars.set(d.id.name, evaluate(d.init, frame));
      else if (statement.kind !== 'const') candidates.set(d.id.name, [d.init ?? undefined]);
    }
  }
  if (candidates.size === 0) return;
  walk(fn.body, (child) => {
    if (child.type === 'AssignmentExpression' && child.left.type === 'Identifier' && candidates.has(child.left.name)) {
      if (child.operator === '=') candidates.get(child.left.name)!.push(child.right);
      else changed.add(child.left.name);
    }
    if (child.type === 'UpdateExpression' && child.argument.type === 'Identifier') changed.add(child.argument.name);
    // Assigned by destructuring or a loop: not followed.
    if (child.type === 'ForInStatement' || child.type === 'ForOfStatement') for (const n of patternNames(child.left)) changed.add(n);
    if (child.type === 'AssignmentExpression' && child.left.type !== 'Identifier' && child.left.type !== 'MemberExpression')
      for (const n of patternNames(child.left)) changed.add(n);
  });
  for (const [variable, values] of candidates) {
    if (changed.has(variable)) continue;
    const evaluated = values.map((v) => (v ? evaluate(v, frame) : undefined));
    const first = evaluated[0];
    if (evaluated.every((v) => v === first && (first === undefined || first === null || typeof first !== 'object'))) frame.vars.set(variable, first);
  }
}

function patternNames(node: t.Node): string[] {
  if (node.type === 'Identifier') return [node.name];
  if (node.type === 'VariableDeclaration') return node.declarations.flatMap((d) => patternNames(d.id));
  if (node.type === 'ArrayPattern') return node.elements.flatMap((e) => (e ? patternNames(e) : []));
  if (node.type === 'ObjectPattern') return node.properties.flatMap((p) => patternNames(p.type === 'RestElement' ? p.argument : p.value));
  if (node.type === 'AssignmentPattern') return patternNames(node.left);
  if (node.type === 'RestElement') return patternNames(node.argument);
  return [];
}

/** The instance's state as the constructor leaves it: fields, then the constructor's own `this.x = v`
 *  in order. A member assigned anywhere else (a method, a branch, a callback) is not known. */
function instanceState(cls: t.Class, ctor: t.ClassMethod | undefined, frame: Frame): ObjectValue {
  const state: ObjectValue = { props: new Map(), closed: !cls.superClass };
  const assigned = (member: t.Node | undefined): string | undefined =>
    member?.type === 'AssignmentExpression' && member.left.type === 'MemberExpression' && member.left.object.type === 'ThisExpression' ? name(member.left.property) : undefined;
  frame.self = state;
  for (const member of cls.body.body) {
    if ((member.type === 'ClassProperty' || member.type === 'ClassPrivateProperty') && !member.static) {
      const key = name(member.key);
      if (key) state.props.set(key, member.value ? evaluate(member.value, frame) : undefined);
    }
  }
  const straight = new Set<t.Node>();
  for (const statement of ctor?.body.body ?? []) {
    const e = statement.type === 'ExpressionStatement' ? statement.expression : undefined;
    const key = assigned(e);
    if (!e || !key || e.type !== 'AssignmentExpression' || e.operator !== '=') continue;
    straight.add(e);
    state.props.set(key, evaluate(e.right, frame));
  }
  walk(cls.body, (child) => {
    const key = child.type === 'AssignmentExpression' && !straight.has(child) ? assigned(child) : undefined;
    if (key) state.props.set(key, UNKNOWN);
    if (child.type === 'UpdateExpression' && child.argument.type === 'MemberExpression' && child.argument.object.type === 'ThisExpression') {
      const k = name(child.argument.property);
      if (k) state.props.set(k, UNKNOWN);
    }
  });
  return state;
}

/** A function's own variables (`const task = createTask()`) and parameters' defaults (`Connection = RedisConnection`). */
function localsOf(fn: t.Function): Map<string, t.Node> {
  const locals = new Map<string, t.Node>();
  for (const param of fn.params) {
    if (param.type === 'AssignmentPattern' && param.left.type === 'Identifier') locals.set(param.left.name, param.right);
  }
  if (fn.body.type !== 'BlockStatement') return locals;
  for (const statement of fn.body.body) {
    if ((statement.type === 'FunctionDeclaration' || statement.type === 'ClassDeclaration') && statement.id) locals.set(statement.id.name, statement);
    if (statement.type !== 'VariableDeclaration') continue;
    for (const d of statement.declarations) if (d.id.type === 'Identifier' && d.init) locals.set(d.id.name, d.init);
  }
  // A lazily made module variable, `if (x === undefined) x = createTranslator()`: what the function assigns it.
  walk(fn.body, (child) => {
    if (child !== fn.body && isFunction(child)) return false;
    if (child.type === 'AssignmentExpression' && child.operator === '=' && child.left.type === 'Identifier' && !locals.has(child.left.name))
      locals.set(child.left.name, child.right);
  });
  return locals;
}

/** What a constructor assigns to `this.<member>` (`this.random = getDefaultRandom()`). */
function fieldOf(definition: FunctionDefinition, member: string): t.Node | undefined {
  const { node } = definition;
  const cls = node.type === 'ClassDeclaration' || node.type === 'ClassExpression' ? node : undefined;
  const body = cls ? cls.body.body.find((m): m is t.ClassMethod => m.type === 'ClassMethod' && m.kind === 'constructor')?.body : (node as t.Function).body;
  if (cls) {
    const property = cls.body.body.find(
      (m): m is t.ClassProperty | t.ClassPrivateProperty => (m.type === 'ClassProperty' || m.type === 'ClassPrivateProperty') && !m.static && name(m.key) === member,
    );
    if (property?.value) return property.value;
  }
  if (body?.type !== 'BlockStatement') return undefined;
  for (const statement of body.body) {
    const e = statement.type === 'ExpressionStatement' ? statement.expression : undefined;
    if (e?.type === 'AssignmentExpression' && e.left.type === 'MemberExpression' && e.left.object.type === 'ThisExpression' && name(e.left.property) === member) return e.right;
  }
  return undefined;
}

function isClass(node: t.Node): boolean {
  return node.type === 'ClassDeclaration' || node.type === 'ClassExpression';
}

function isFunction(node: t.Node): boolean {
  return (
    node.type === 'FunctionExpression' ||
    node.type === 'ArrowFunctionExpression' ||
    node.type === 'FunctionDeclaration' ||
    node.type === 'ClassMethod' ||
    node.type === 'ClassPrivateMethod' ||
    node.type === 'ObjectMethod'
  );
}

function methodOf(cls: t.Class, method: string | undefined): t.ClassMethod | t.ClassPrivateMethod | undefined {
  if (!method) return undefined;
  return cls.body.body.find(
    (m): m is t.ClassMethod | t.ClassPrivateMethod => (m.type === 'ClassMethod' || m.type === 'ClassPrivateMethod') && m.kind === 'method' && !m.static && name(m.key) === method,
  );
}

function staticMember(definition: FunctionDefinition, member: string): Definition | undefined {
  const node = definition.node;
  if (node.type !== 'ClassDeclaration' && node.type !== 'ClassExpression') return undefined;
  const method = node.body.body.find((m): m is t.ClassMethod => m.type === 'ClassMethod' && m.static && name(m.key) === member);
  return method ? { kind: 'function', node: method, file: definition.file } : undefined;
}

/** The class a method node belongs to, for `this.x()` inside it. */
function enclosingClass(index: FileIndex, node: t.Node): t.Class | undefined {
  return index.classOf.get(node);
}

/**
 * What calling `exportPath` of the package `specifier` (as imported from `fromFile`) does at once:
 * `['connect']` for `mqtt.connect(...)`, `['default']` for a default import, `['Types',
 * 'ObjectId']` for `mongoose.Types.ObjectId`. A `'()'` segment is what calling or constructing the
 * path so far returns: `['Snowflake', '()', 'generate']` is `new Snowflake(...).generate`.
 * `args`, the user's arguments, decide branches guarded by a parameter. Undefined when the
 * library or the export is not found.
 */
/** What `exportPath` denotes in the module `entry` (see callEffects). */
function definitionAt(reader: Reader, entry: FileIndex, exportPath: string[]): Definition | undefined {
  const follow = (segments: string[]): Definition | undefined => {
    let definition: Definition | undefined = { kind: 'module', file: entry };
    for (const segment of segments) {
      if (!definition) return undefined;
      if (segment === '()') {
        const called: Definition | undefined = definition.kind === 'module' ? reader.exportOf(definition.file, 'default') : definition;
        definition = called ? reader.returnOf(called, new Set()) : undefined;
      } else definition = reader.memberOf(definition, segment, new Set());
    }
    return definition;
  };
  // A default import of a CommonJS module is its `module.exports`: `mqtt.connect` is the named
  // export `connect`; an ES module's default export is tried too.
  let definition = exportPath[0] === 'default' ? ((exportPath.length === 1 ? undefined : follow(exportPath.slice(1))) ?? follow(exportPath)) : follow(exportPath);
  if (!definition && exportPath.length === 1 && exportPath[0] === 'default') definition = { kind: 'module', file: entry };
  // `require('cuid').slug`: a property of what the module exports (`cuid.slug = slug; module.exports = cuid`).
  if (!definition && exportPath[0] !== 'default') definition = follow(['default', ...exportPath]);
  return definition;
}

/** Whether a `new Date()` kept in a local is only a blank the function sets in full before it reads
 *  it (`d = new Date; d.setUTCHours(h, m, s, ms); d.setUTCFullYear(y, mo, day)`, or `d.setTime(t)`):
 *  its value is the one given, not the clock's (@js-temporal/polyfill turns a given date into epoch
 *  milliseconds this way). Setting only some fields (`new Date().setMilliseconds(0)`) keeps the clock. */
function overwrittenDate(parent: t.Node | undefined, bodies: t.Node[]): boolean {
  if (parent?.type !== 'VariableDeclarator' || parent.id.type !== 'Identifier') return false;
  const local = parent.id.name;
  let date = false;
  let time = false;
  for (const body of bodies)
    walk(body, (node) => {
      if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression') return;
      const { object, property } = node.callee;
      if (object.type !== 'Identifier' || object.name !== local || property.type !== 'Identifier') return;
      const given = node.arguments.length;
      if (property.name === 'setTime' && given >= 1) date = time = true;
      else if (/^set(?:UTC)?FullYear$/.test(property.name) && given >= 3) date = true;
      else if (/^set(?:UTC)?Hours$/.test(property.name) && given >= 4) time = true;
    });
  return date && time;
}

/** A parameter, or a property of one, the call leaves out. */
const ABSENT = Symbol('absent');

/** Walks a parameter's defaults that run for the value given: a default runs when the value is
 *  left out or undefined; a value given but not known skips it only in the strict reading. */
function walkParam(pattern: t.Node, given: Value | typeof ABSENT, strict: boolean, visit: Parameters<typeof walk>[1], frame: Frame): void {
  switch (pattern.type) {
    case 'AssignmentPattern': {
      const runs = given === ABSENT || given === undefined || (given === UNKNOWN && !strict);
      if (runs) walk(pattern.right, visit, pattern, 'right');
      walkParam(pattern.left, runs ? evaluate(pattern.right, frame) : given, strict, visit, frame);
      return;
    }
    case 'ObjectPattern':
      for (const prop of pattern.properties) {
        if (prop.type === 'RestElement') continue;
        walk(prop.key, visit, prop, 'key');
        const key = prop.computed ? undefined : prop.key.type === 'Identifier' ? prop.key.name : prop.key.type === 'StringLiteral' ? prop.key.value : undefined;
        const object = typeof given === 'object' && given !== null && 'props' in given ? (given as ObjectValue) : undefined;
        const value = key === undefined || !object ? UNKNOWN : object.props.has(key) ? object.props.get(key)! : object.closed ? ABSENT : UNKNOWN;
        walkParam(prop.value, value, strict, visit, frame);
      }
      return;
    default:
      walk(pattern, visit);
  }
}

export function callEffects(
  specifier: string,
  fromFile: string,
  exportPath: string[],
  args?: t.Node[],
  options: { strict?: boolean /** The arguments the instance whose method this is was constructed with (`new TTLCache({ ttl: Infinity })`). */; made?: t.Node[] } = {},
): CallEffects | undefined {
  const reader = new Reader(options.strict === true);
  // A dual package's entries in turn (an ES build may be readable where the CommonJS one is a bundle).
  let definition: Definition | undefined;
  let instance: Definition | undefined;
  const made = exportPath.lastIndexOf('()');
  for (const entry of reader.modules(specifier, fromFile)) {
    definition = definitionAt(reader, entry, exportPath);
    if (definition && options.made && made === exportPath.length - 2) instance = definitionAt(reader, entry, exportPath.slice(0, made + 1));
    if (definition) break;
  }
  if (definition?.kind === 'instance') definition = definition.of;
  if (!definition) return undefined;
  // A method of an instance made with known arguments runs on the state its constructor left.
  const self = instance?.kind === 'instance' && options.made ? constructedState(instance.of, options.made) : undefined;
  const given = args?.some((arg) => arg.type === 'SpreadElement') ? undefined : args?.map(literal);
  const effects = reader.effects(definition, 0, given, false, self);
  const returned = definition.kind === 'function' && !isClass(definition.node) ? reader.returnOf(definition, new Set()) : undefined;
  if (returned?.kind === 'function' && !isClass(returned.node)) return { ...effects, generator: reader.effects(returned, 0, undefined, true) };
  return effects;
}
