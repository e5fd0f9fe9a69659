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
}

/** A value a name denotes in the library: a function or class, or a whole module. */
type Definition =
  | { kind: 'function'; node: t.Function | t.Class; file: FileIndex }
  | { kind: 'module'; file: FileIndex }
  /** A Node.js built-in's export (`net.connect`, `crypto.randomUUID`), or the module ('*'). */
  | { kind: 'builtin'; specifier: string; name: string };

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
  return { sockets, random };
}
const RANDOM_NAMES = /^(?:random(?:Bytes|UUID|Int|Fill|FillSync)|getRandomValues|pseudoRandomBytes|generateKeyPair(?:Sync)?|generateKey(?:Sync)?)$/;
/** Bodies walked per question at most. */
const BUDGET = 400;

const files = new Map<string, FileIndex | null>();
const effectsOf = new WeakMap<t.Node, CallEffects>();

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
  const index: FileIndex = { file, program, locals: new Map(), imports: new Map(), exports: new Map(), stars: [] };
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
  return index;
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
  valueOf(node: t.Node, index: FileIndex, seen: Set<string>): Definition | undefined {
    switch (node.type) {
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
      case 'ClassDeclaration':
      case 'ClassExpression':
        return { kind: 'function', node, file: index };
      case 'Identifier': {
        const imported = index.imports.get(node.name);
        if (imported) return this.moduleValue(imported.specifier, index.file, imported.name, seen);
        const local = index.locals.get(node.name);
        return local && local !== node ? this.valueOf(local, index, seen) : undefined;
      }
      case 'MemberExpression': {
        const member = name(node.property);
        const object = this.valueOf(node.object, index, seen);
        if (!member || !object) return undefined;
        if (object.kind === 'module') return this.exportOf(object.file, member, seen);
        if (object.kind === 'builtin') return object.name === '*' ? { ...object, name: member } : undefined;
        return staticMember(object, member);
      }
      case 'CallExpression': {
        const specifier = requireOf(node);
        return specifier === undefined ? undefined : this.moduleValue(specifier, index.file, '*', seen);
      }
      case 'SequenceExpression':
        return this.valueOf(node.expressions[node.expressions.length - 1]!, index, seen);
      default:
        return undefined;
    }
  }

  /** What calling (or constructing) a definition does before it returns. */
  effects(given: Definition, depth = 0): CallEffects {
    const none = { sockets: false, random: false };
    if (given.kind === 'builtin') return builtinEffects(given.specifier, given.name);
    // A CommonJS module called or constructed is its `module.exports`.
    const definition = given.kind === 'module' ? this.exportOf(given.file, 'default', new Set()) : given;
    if (definition?.kind === 'builtin') return builtinEffects(definition.specifier, definition.name);
    if (definition?.kind !== 'function') return none;
    const { node, file } = definition;
    const known = effectsOf.get(node);
    if (known) return known;
    if (depth > 10 || this.bodies++ > BUDGET) return none;
    const result: CallEffects = { sockets: false, random: false };
    // Set first: recursion through a cycle sees "nothing yet".
    effectsOf.set(node, result);
    const merge = (more: CallEffects | undefined): void => {
      if (!more) return;
      result.sockets ||= more.sockets;
      result.random ||= more.random;
      result.connects ||= more.connects;
    };
    const cls = node.type === 'ClassDeclaration' || node.type === 'ClassExpression' ? node : undefined;
    const bodies: t.Node[] = [];
    if (cls) {
      const ctor = cls.body.body.find((m): m is t.ClassMethod => m.type === 'ClassMethod' && m.kind === 'constructor');
      if (ctor) bodies.push(ctor.body);
      for (const member of cls.body.body)
        if ((member.type === 'ClassProperty' || member.type === 'ClassPrivateProperty') && !member.static && member.value) bodies.push(member.value);
      // The superclass's constructor runs too (through super(), or implicitly).
      if (cls.superClass) {
        const parent = this.valueOf(cls.superClass, file, new Set());
        if (parent) merge(this.effects(parent, depth + 1));
      }
    } else {
      bodies.push((node as t.Function).body);
    }
    const locals = new Map<string, t.Node>();
    if (!cls) {
      // Parameters with defaults (`Connection = RedisConnection`) denote the default.
      for (const param of (node as t.Function).params) {
        if (param.type === 'AssignmentPattern' && param.left.type === 'Identifier') locals.set(param.left.name, param.right);
      }
    } else {
      const ctor = cls.body.body.find((m): m is t.ClassMethod => m.type === 'ClassMethod' && m.kind === 'constructor');
      for (const param of ctor?.params ?? []) {
        if (param.type === 'AssignmentPattern' && param.left.type === 'Identifier') locals.set(param.left.name, param.right);
      }
    }
    const owner = cls ?? enclosingClass(file, node);
    const resolve = (callee: t.Node): Definition | undefined => {
      if (callee.type === 'Identifier' && locals.has(callee.name)) return this.valueOf(locals.get(callee.name)!, file, new Set());
      if (callee.type === 'MemberExpression' && callee.object.type === 'ThisExpression' && owner) {
        const method = methodOf(owner, name(callee.property));
        if (method) return { kind: 'function', node: method, file };
        // A method of the superclass.
        let parent = owner.superClass ? this.valueOf(owner.superClass, file, new Set()) : undefined;
        for (let i = 0; parent?.kind === 'function' && i < 5; i++) {
          const parentClass = parent.node.type === 'ClassDeclaration' || parent.node.type === 'ClassExpression' ? parent.node : undefined;
          const inherited = parentClass && methodOf(parentClass, name(callee.property));
          if (inherited) return { kind: 'function', node: inherited, file: parent.file };
          parent = parentClass?.superClass ? this.valueOf(parentClass.superClass, parent.file, new Set()) : undefined;
        }
        return undefined;
      }
      return this.valueOf(callee, file, new Set());
    };
    for (const body of bodies) {
      walk(body, (child, parent) => {
        if (result.sockets && result.random) return false;
        if (child !== body && isFunction(child)) {
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
        if (callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === 'Math' && method === 'random') result.random = true;
        else if (method && RANDOM_NAMES.test(method)) result.random = true;
        else if (child.type === 'NewExpression' && method === 'WebSocket') result.sockets = true;
        else if (child.type === 'CallExpression' && callee.type === 'Identifier' && callee.name === 'fetch' && !file.locals.has('fetch')) result.sockets = true;
        // A method named for connecting, whatever its receiver (`this.connector.connect()`): the
        // caller decides, with what the package's code opens, whether it is a socket.
        if (method && CONNECT_NAMES.test(method)) result.connects = true;
        const target = resolve(callee);
        if (target) merge(this.effects(target, depth + 1));
      });
    }
    return result;
  }
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

function staticMember(definition: Definition & { kind: 'function' }, member: string): Definition | undefined {
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
  return undefined;
}

/**
 * What calling `exportPath` of the package `specifier` (as imported from `fromFile`) does at once:
 * `['connect']` for `mqtt.connect(...)`, `['default']` for a default import, `['Types',
 * 'ObjectId']` for `mongoose.Types.ObjectId`. Undefined when the library or the export is not found.
 */
export function callEffects(specifier: string, fromFile: string, exportPath: string[]): CallEffects | undefined {
  const reader = new Reader();
  const entry = reader.module(specifier, fromFile);
  if (!entry) return undefined;
  const follow = (segments: string[]): Definition | undefined => {
    let definition: Definition | undefined = { kind: 'module', file: entry };
    for (const segment of segments) {
      if (definition?.kind === 'module') definition = reader.exportOf(definition.file, segment);
      else if (definition?.kind === 'function') definition = staticMember(definition, segment);
      else return undefined;
    }
    return definition;
  };
  // A default import of a CommonJS module is its `module.exports`: `mqtt.connect` is the named
  // export `connect`; an ES module's default export is tried too.
  let definition = exportPath[0] === 'default' ? ((exportPath.length === 1 ? undefined : follow(exportPath.slice(1))) ?? follow(exportPath)) : follow(exportPath);
  if (!definition && exportPath.length === 1 && exportPath[0] === 'default') definition = { kind: 'module', file: entry };
  return definition ? reader.effects(definition) : undefined;
}
