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
import * as path from 'node:path';
import type * as t from '@babel/types';
import { parse } from '@babel/parser';
import { walk } from '../ast/walk.js';
import { packageNameOf } from './facts.js';

export interface CallEffects {
  /** It opens a socket (net/tls connect, http(s) request, WebSocket, fetch). */
  sockets: boolean;
  /** It draws randomness. */
  random: boolean;
  /** It calls a method named `connect` / `open` (on anything). */
  connects?: boolean;
  /** It arms a timer (setTimeout / setInterval) that it does not unref. */
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
  | { kind: 'object'; node: t.ObjectExpression; file: FileIndex };
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
const UNDEFINED: t.Identifier = { type: 'Identifier', name: 'undefined' } as t.Identifier;
/** Bodies walked per question at most. */
const BUDGET = 400;

const files = new Map<string, FileIndex | null>();
const effectsOf = new WeakMap<t.Node, CallEffects>();
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

function name(node: t.Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'StringLiteral') return node.value;
  return undefined;
}

function requireOf(node: t.Node | null | undefined): string | undefined {
  if (node?.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require') return name(node.arguments[0]);
  // `__importDefault(require('x'))`, `tslib.__importStar(require('x'))`
  if (node?.type === 'CallExpression' && node.arguments.length === 1) return requireOf(node.arguments[0]);
  return undefined;
}

function isExportsObject(node: t.Node): boolean {
  if (node.type === 'Identifier') return node.name === 'exports';
  return node.type === 'MemberExpression' && node.object.type === 'Identifier' && node.object.name === 'module' && name(node.property) === 'exports';
}

function indexOf(file: string, program: t.Program): FileIndex {
  const index: FileIndex = { file, program, locals: new Map(), imports: new Map(), exports: new Map(), stars: [], statics: new Map(), protos: new Map(), protoOwner: new Map() };
  const declare = (node: t.Node): void => {
    if ((node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration') && node.id) index.locals.set(node.id.name, node);
    if (node.type === 'VariableDeclaration') {
      for (const d of node.declarations) {
        if (d.id.type === 'Identifier' && d.init) {
          const specifier = requireOf(d.init);
          if (specifier !== undefined) index.imports.set(d.id.name, { specifier, name: '*' });
          else if (d.init.type === 'MemberExpression' && requireOf(d.init.object) !== undefined && name(d.init.property)) {
            index.imports.set(d.id.name, { specifier: requireOf(d.init.object)!, name: name(d.init.property)! });
          } else index.locals.set(d.id.name, d.init);
        } else if (d.id.type === 'ObjectPattern' && d.init) {
          // const { randomUUID } = require('crypto')
          const specifier = requireOf(d.init);
          for (const prop of d.id.properties) {
            if (prop.type !== 'ObjectProperty' || prop.value.type !== 'Identifier') continue;
            const key = name(prop.key);
            if (specifier !== undefined && key) index.imports.set(prop.value.name, { specifier, name: key });
          }
        }
      }
    }
  };
  for (const statement of program.body) {
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
        commonJsExport(statement.expression, index);
        break;
      default:
    }
  }
  for (const statement of program.body) if (statement.type === 'ExpressionStatement') memberAssignment(statement.expression, index);
  return index;
}

/** `F.x = v`, `F.prototype.m = fn`, `F.prototype = { ... }` at top level, for a local F. */
function memberAssignment(expression: t.Expression, index: FileIndex): void {
  if (expression.type === 'SequenceExpression') for (const e of expression.expressions) memberAssignment(e, index);
  if (expression.type !== 'AssignmentExpression' || expression.left.type !== 'MemberExpression') return;
  const left = expression.left;
  const member = name(left.property);
  const ownerOf = (node: t.Node): t.Node | undefined => {
    const local = node.type === 'Identifier' ? index.locals.get(node.name) : undefined;
    return local && (isFunction(local) || local.type === 'ClassDeclaration' || local.type === 'ClassExpression') ? local : undefined;
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
  } else if (member) {
    const owner = ownerOf(left.object);
    if (owner) add(index.statics, owner, member, expression.right);
  }
  if (expression.right.type === 'AssignmentExpression') memberAssignment(expression.right, index);
}

function commonJsExport(expression: t.Expression, index: FileIndex): void {
  // exports.x = ..., module.exports.x = ..., module.exports = ...; chains `exports.a = exports.b = ...`
  if (expression.type === 'AssignmentExpression' && expression.left.type === 'MemberExpression') {
    const left = expression.left;
    if (isExportsObject(left.object) && name(left.property)) {
      index.exports.set(name(left.property)!, { node: expression.right });
    } else if (isExportsObject(left)) {
      index.exports.set('default', { node: expression.right });
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
    if (calleeName === 'defineProperty' && expression.arguments[0] && isExportsObject(expression.arguments[0])) {
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

/** The file a specifier names, from `fromFile`: relative paths with Node's extension search,
 *  packages by their package.json (require condition first), and undefined for built-ins. */
function resolveFile(specifier: string, fromFile: string): string | undefined {
  if (specifier.startsWith('.')) {
    const base = path.resolve(path.dirname(fromFile), specifier);
    for (const candidate of [base, `${base}.js`, `${base}.cjs`, `${base}.mjs`, path.join(base, 'index.js'), path.join(base, 'index.cjs'), path.join(base, 'index.mjs')]) {
      if (isFile(candidate)) return candidate;
    }
    return undefined;
  }
  const pkg = packageNameOf(specifier);
  if (!pkg) return undefined;
  const sub = specifier.slice(pkg.length + 1);
  for (let dir = path.dirname(fromFile); ; dir = path.dirname(dir)) {
    const root = path.join(dir, 'node_modules', pkg);
    const manifestFile = path.join(root, 'package.json');
    if (isFile(manifestFile)) {
      let manifest: Record<string, unknown>;
      try {
        manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Record<string, unknown>;
      } catch {
        return undefined;
      }
      const entry = entryOf(manifest, sub);
      return entry === undefined ? undefined : resolveFile(`./${entry.replace(/^\.\//, '')}`, path.join(root, 'package.json'));
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

function entryOf(manifest: Record<string, unknown>, sub: string): string | undefined {
  const pick = (value: unknown): string | undefined => {
    if (typeof value === 'string') return value;
    if (Array.isArray(value)) return value.map(pick).find(Boolean);
    if (value && typeof value === 'object') {
      const conditions = value as Record<string, unknown>;
      for (const condition of ['node', 'require', 'default', 'import']) {
        const chosen = condition in conditions ? pick(conditions[condition]) : undefined;
        if (chosen && !chosen.endsWith('.d.ts')) return chosen;
      }
    }
    return undefined;
  };
  const exportsField = manifest.exports;
  if (exportsField && typeof exportsField === 'object' && !Array.isArray(exportsField)) {
    const map = exportsField as Record<string, unknown>;
    if (Object.keys(map).some((k) => k.startsWith('.'))) return pick(map[sub ? `./${sub}` : '.']);
    if (!sub) return pick(map);
  } else if (typeof exportsField === 'string' && !sub) return exportsField;
  if (sub) return sub;
  return typeof manifest.main === 'string' ? manifest.main : 'index.js';
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** What a name denotes inside a function being read: its `this`, and its own variables. */
interface Context {
  self?: FunctionDefinition;
  locals?: Map<string, t.Node>;
}

class Reader {
  private bodies = 0;

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
    const file = resolveFile(specifier, fromFile);
    return file ? readIndex(file) : undefined;
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
    if (isExportsObject(node) && !ctx.locals?.has('exports') && !index.locals.has('exports')) return { kind: 'module', file: index };
    switch (node.type) {
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
      case 'ClassDeclaration':
      case 'ClassExpression':
      case 'ObjectMethod':
      case 'ClassMethod':
        return { kind: 'function', node: node as t.Function | t.Class, file: index };
      case 'ObjectExpression':
        return { kind: 'object', node, file: index };
      case 'ThisExpression':
        return ctx.self ? { kind: 'instance', of: ctx.self } : undefined;
      case 'Identifier': {
        const own = ctx.locals?.get(node.name);
        if (own && own !== node) return this.valueOf(own, index, seen, { ...ctx, locals: undefined });
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
        const called = this.valueOf(node.callee, index, seen, ctx);
        return called ? this.returnOf(called, seen) : undefined;
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
      case 'module':
        return this.exportOf(object.file, member, seen);
      case 'builtin':
        return object.name === '*' ? { ...object, name: member } : undefined;
      case 'object': {
        for (const prop of object.node.properties) {
          if (prop.type === 'ObjectMethod' && name(prop.key) === member) return { kind: 'function', node: prop, file: object.file };
          if (prop.type === 'ObjectProperty' && name(prop.key) === member) return this.valueOf(prop.value, object.file, seen);
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
      if (child.type === 'ReturnStatement' && child.argument) found = this.valueOf(child.argument, file, seen, ctx);
    });
    return found;
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
  effects(given: Definition, depth = 0, args?: t.Node[], always = false): CallEffects {
    const none = { sockets: false, random: false };
    if (given.kind === 'builtin') return builtinEffects(given.specifier, given.name);
    // A CommonJS module called or constructed is its `module.exports`.
    const definition = given.kind === 'module' ? this.exportOf(given.file, 'default', new Set()) : given;
    if (definition?.kind === 'builtin') return builtinEffects(definition.specifier, definition.name);
    if (definition?.kind !== 'function') return none;
    const { node, file } = definition;
    const cache = always ? alwaysEffectsOf : effectsOf;
    const known = args ? undefined : cache.get(node);
    if (known) return known;
    if (depth > 10 || this.bodies++ > BUDGET) return none;
    const result: CallEffects = { sockets: false, random: false };
    // Set first: recursion through a cycle sees "nothing yet".
    if (!args) cache.set(node, result);
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
    const params = (fn?.params ?? []).map((param) =>
      param.type === 'Identifier' ? param.name : param.type === 'AssignmentPattern' && param.left.type === 'Identifier' ? param.left.name : undefined,
    );
    const owner = this.ownerOf(definition);
    const ctx: Context = { locals, ...(owner ? { self: owner } : {}) };
    const resolve = (callee: t.Node): Definition | undefined => this.valueOf(callee, file, new Set(), ctx);
    /** Whether a guard is a parameter the user's call leaves out or passes as a falsy literal. */
    const untaken = (test: t.Node): boolean => {
      if (!args || test.type !== 'Identifier') return false;
      const position = params.indexOf(test.name);
      if (position < 0) return false;
      const arg = args[position];
      return !arg || arg.type === 'NullLiteral' || (arg.type === 'BooleanLiteral' && !arg.value) || (arg.type === 'Identifier' && arg.name === 'undefined');
    };
    /** The user's arguments as a call in the body passes them on (`new CronJob(params.cronTime, ..., params.start)`
     *  from `CronJob.from({ start: false })`), or undefined when it passes none of them. */
    const passed = (call: t.CallExpression | t.NewExpression): t.Node[] | undefined => {
      if (!args) return undefined;
      let mapped = false;
      const out = call.arguments.map((arg): t.Node => {
        if (arg.type === 'Identifier' && params.includes(arg.name)) {
          mapped = true;
          return args[params.indexOf(arg.name)] ?? UNDEFINED;
        }
        if (arg.type === 'MemberExpression' && arg.object.type === 'Identifier' && params.includes(arg.object.name)) {
          const given = args[params.indexOf(arg.object.name)];
          const key = name(arg.property);
          if (given?.type === 'ObjectExpression' && key && !given.properties.some((p) => p.type === 'SpreadElement')) {
            mapped = true;
            const prop = given.properties.find((p): p is t.ObjectProperty => p.type === 'ObjectProperty' && name(p.key) === key);
            return prop ? prop.value : UNDEFINED;
          }
        }
        return arg;
      });
      return mapped ? out : undefined;
    };
    const visit = (child: t.Node, parent: t.Node | undefined): boolean | undefined => {
      if (result.sockets && result.random && result.timers && result.clock) return false;
      // Asked what every call does: a branch may not run.
      if (always && (child.type === 'IfStatement' || child.type === 'ConditionalExpression' || child.type === 'SwitchStatement')) {
        walk(child.type === 'SwitchStatement' ? child.discriminant : child.test, visit, child, 'test');
        return false;
      }
      if (child.type === 'IfStatement' && untaken(child.test)) {
        if (child.alternate) walk(child.alternate, visit, child, 'alternate');
        return false;
      }
      if (child !== fn?.body && bodies[0] !== child && isFunction(child)) {
        // Callbacks run later; an immediately invoked function or a promise executor runs now.
        const invoked = parent?.type === 'CallExpression' && parent.callee === child;
        const executor = parent?.type === 'NewExpression' && parent.callee.type === 'Identifier' && parent.callee.name === 'Promise';
        if (!invoked && !executor) return false;
      }
      if (child.type !== 'CallExpression' && child.type !== 'NewExpression') return;
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
        (child.type === 'NewExpression' && method === 'Date' && child.arguments.length === 0)
      )
        result.clock = true;
      // A timer armed and kept armed: `setTimeout(...)` not followed by `.unref()`.
      if (
        child.type === 'CallExpression' &&
        method &&
        /^set(?:Timeout|Interval)$/.test(method) &&
        (callee.type === 'Identifier' ? !file.locals.has(method) : object === 'global' || object === 'globalThis')
      ) {
        const unrefd = parent?.type === 'MemberExpression' && name(parent.property) === 'unref';
        if (!unrefd) result.timers = true;
      }
      // A method named for connecting, whatever its receiver (`this.connector.connect()`): the
      // caller decides, with what the package's code opens, whether it is a socket.
      if (method && CONNECT_NAMES.test(method)) result.connects = true;
      const target = resolve(callee);
      if (target) merge(this.effects(target.kind === 'instance' ? target.of : target, depth + 1, passed(child), always));
    };
    // Parameters' defaults run with the call (`generate({ timestamp = Date.now() } = {})`).
    for (const param of fn?.params ?? []) walk(param, visit);
    for (const body of bodies) walk(body, visit);
    return result;
  }
}

/** A function's own variables (`const task = createTask()`) and parameters' defaults (`Connection = RedisConnection`). */
function localsOf(fn: t.Function): Map<string, t.Node> {
  const locals = new Map<string, t.Node>();
  for (const param of fn.params) {
    if (param.type === 'AssignmentPattern' && param.left.type === 'Identifier') locals.set(param.left.name, param.right);
  }
  if (fn.body.type !== 'BlockStatement') return locals;
  for (const statement of fn.body.body) {
    if (statement.type === 'FunctionDeclaration' && statement.id) locals.set(statement.id.name, statement);
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
    const property = cls.body.body.find((m): m is t.ClassProperty => m.type === 'ClassProperty' && !m.static && name(m.key) === member);
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
    node.type === 'ObjectMethod'
  );
}

function methodOf(cls: t.Class, method: string | undefined): t.ClassMethod | undefined {
  if (!method) return undefined;
  return cls.body.body.find((m): m is t.ClassMethod => m.type === 'ClassMethod' && m.kind === 'method' && !m.static && name(m.key) === method);
}

function staticMember(definition: FunctionDefinition, member: string): Definition | undefined {
  const node = definition.node;
  if (node.type !== 'ClassDeclaration' && node.type !== 'ClassExpression') return undefined;
  const method = node.body.body.find((m): m is t.ClassMethod => m.type === 'ClassMethod' && m.static && name(m.key) === member);
  return method ? { kind: 'function', node: method, file: definition.file } : undefined;
}

/** The class a method node belongs to, for `this.x()` inside it. */
function enclosingClass(index: FileIndex, node: t.Node): t.Class | undefined {
  for (const local of index.locals.values()) {
    if ((local.type === 'ClassDeclaration' || local.type === 'ClassExpression') && local.body.body.includes(node as t.ClassMethod)) return local;
  }
  for (const exported of index.exports.values()) {
    const local = exported.node;
    if (local && (local.type === 'ClassDeclaration' || local.type === 'ClassExpression') && local.body.body.includes(node as t.ClassMethod)) return local;
  }
  return undefined;
}

/**
 * What calling `exportPath` of the package `specifier` (as imported from `fromFile`) does at once:
 * `['connect']` for `mqtt.connect(...)`, `['default']` for a default import, `['Types',
 * 'ObjectId']` for `mongoose.Types.ObjectId`. A `'()'` segment is what calling or constructing the
 * path so far returns: `['Snowflake', '()', 'generate']` is `new Snowflake(...).generate`.
 * `args`, the user's arguments, decide branches guarded by a parameter. Undefined when the
 * library or the export is not found.
 */
export function callEffects(specifier: string, fromFile: string, exportPath: string[], args?: t.Node[]): CallEffects | undefined {
  const reader = new Reader();
  const entry = reader.module(specifier, fromFile);
  if (!entry) return undefined;
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
  if (definition?.kind === 'instance') definition = definition.of;
  if (!definition) return undefined;
  const effects = reader.effects(definition, 0, args);
  const returned = definition.kind === 'function' && !isClass(definition.node) ? reader.returnOf(definition, new Set()) : undefined;
  if (returned?.kind === 'function' && !isClass(returned.node)) return { ...effects, generator: reader.effects(returned, 0, undefined, true) };
  return effects;
}
