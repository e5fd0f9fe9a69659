// Where a value made at init is kept, so that work on it later (a query, a close, a hook that
// renews it) is found wherever the value went. A place is a variable of any scope, a field of a
// class of the module (`this.pool`, `Repo.client`, `repo.pool` for `const repo = new Repo()`), or
// a property of a module object (`box.current`). A made value reaches its places through
// `await`, `??`/`||`, conversions (`.toString()`), arrays and object literals, collections
// (`list.push(v)`, `map.set(k, v)`, `Object.assign(target, { v })`), the elements of an awaited
// `Promise.all([...])` destructured, and the return value of the module's own functions (the
// places where their callers keep it).
import type * as t from '@babel/types';
import type { Binding, NodePath } from '../ast/babel.js';
import { keyName, propertyName, valueParent } from './imports.js';
import { unwrap } from './names.js';

export interface Place {
  /** Identity: one Place object per key (Places interns them). */
  key: string;
  /** As written, for messages (`pool`, `this.cache`, `Keyspace.client`). */
  name: string;
  binding?: Binding;
  /** For a field or property: its name, and the object as written (`this` for an instance field). */
  property?: string;
  object?: string;
  /** For a field: the names its object goes by (`this`, the class, variables holding instances). */
  objects?: string[];
}

/** Conversions of a made value that keep what it is: `KSUID.randomSync().string`, `ObjectId.generate().toString('hex')`. */
export const CONVERSIONS = /^(?:string|toString|toHex|toHexString|toJSON|toISOString|valueOf|toBuffer|toBase64)$/;
/** Methods that put a value into the collection they are called on. */
const COLLECTS = /^(?:push|unshift|add|set|splice)$/;
/** Whether `init` is `Object.freeze(object)` (or the object itself). */
function isFrozen(init: t.Node | null | undefined, object: t.ObjectExpression): boolean {
  let node = init;
  while (node && (node.type === 'TSAsExpression' || node.type === 'TSSatisfiesExpression' || node.type === 'ParenthesizedExpression')) node = node.expression;
  if (node === object) return true;
  return (
    node?.type === 'CallExpression' &&
    node.arguments[0] === object &&
    node.callee.type === 'MemberExpression' &&
    node.callee.object.type === 'Identifier' &&
    node.callee.object.name === 'Object' &&
    FREEZES.test(propertyName(node.callee) ?? '')
  );
}

/** `Object.freeze(x)` and its kin return x. */
const FREEZES = /^(?:freeze|seal|preventExtensions)$/;

/** Whether a call makes an array of what its callback returns, calling it at once (`Array.from(n, fn)`, `list.map(fn)`). */
function buildsArray(call: t.CallExpression): boolean {
  const callee = call.callee;
  if (callee.type !== 'MemberExpression') return false;
  const method = propertyName(callee);
  return (method === 'from' && callee.object.type === 'Identifier' && callee.object.name === 'Array') || method === 'map' || method === 'flatMap';
}

/** The promise a call `resolve(x)` settles, when `resolve` is the first parameter of its executor (`new Promise((resolve) => ...)`). */
function promiseResolved(call: NodePath<t.CallExpression>): NodePath | undefined {
  const callee = call.node.callee;
  if (callee.type !== 'Identifier') return undefined;
  const binding = call.scope.getBinding(callee.name);
  const fn = binding?.kind === 'param' ? binding.path.parentPath : undefined;
  if (!fn?.isFunction() || fn.node.params[0] !== binding!.path.node) return undefined;
  const made = fn.parentPath;
  return made?.isNewExpression() && made.node.callee.type === 'Identifier' && made.node.callee.name === 'Promise' && made.node.arguments[0] === fn.node ? made : undefined;
}
/** Promise combinators whose result lists what each element resolved. */
const COMBINATORS = /^(?:all|allSettled)$/;

function memberKey(node: t.MemberExpression | t.OptionalMemberExpression): string | undefined {
  return node.property.type === 'PrivateName' ? `#${node.property.id.name}` : propertyName(node as t.MemberExpression);
}

/** The class whose instance (or, in static code, the class itself) `this` denotes at `p`. */
function classOfThis(p: NodePath): NodePath<t.Class> | undefined {
  let fn = p.getFunctionParent();
  while (fn?.isArrowFunctionExpression()) fn = fn.parentPath?.getFunctionParent() ?? null;
  if (fn) {
    if (!fn.isClassMethod() && !fn.isClassPrivateMethod()) return undefined;
    return fn.parentPath?.parentPath as NodePath<t.Class>;
  }
  // A field initializer or a static block.
  return (p.findParent((parent) => parent.isClass()) as NodePath<t.Class> | null) ?? undefined;
}

/** The class a name denotes: a class declaration, `const C = class {}`. */
function classOfBinding(binding: Binding | undefined): NodePath<t.Class> | undefined {
  const decl = binding?.path;
  if (decl?.isClass()) return decl;
  if (decl?.isVariableDeclarator()) {
    const init = decl.get('init') as NodePath;
    if (init.node && unwrap(init).isClass()) return unwrap(init) as NodePath<t.Class>;
  }
  return undefined;
}

/** The class of the module whose instance a variable holds (`const repo = new Repo()`). */
function classOfInstance(binding: Binding | undefined): NodePath<t.Class> | undefined {
  const decl = binding?.path;
  if (!decl?.isVariableDeclarator() || !decl.node.init) return undefined;
  let init = unwrap(decl.get('init') as NodePath);
  if (init.isAwaitExpression()) init = unwrap(init.get('argument') as NodePath);
  if (!init.isNewExpression()) return undefined;
  const callee = init.get('callee');
  return callee.isIdentifier() ? classOfBinding(callee.scope.getBinding(callee.node.name)) : undefined;
}

/** `exports`, `module.exports`, `globalThis`, `global` (not shadowed): objects other modules see. */
function sharedObject(p: NodePath): string | undefined {
  if (p.isIdentifier() && /^(?:exports|globalThis|global)$/.test(p.node.name) && !p.scope.getBinding(p.node.name)) return p.node.name;
  if (p.isMemberExpression() && p.node.object.type === 'Identifier' && p.node.object.name === 'module' && !p.scope.getBinding('module') && propertyName(p.node) === 'exports') {
    return 'module.exports';
  }
  return undefined;
}

function className(cls: NodePath<t.Class>): string {
  if (cls.node.id) return cls.node.id.name;
  const declarator = valueParent(cls).parentPath;
  return declarator?.isVariableDeclarator() && declarator.node.id.type === 'Identifier' ? declarator.node.id.name : 'this';
}

export class Places {
  private readonly ids = new Map<Binding, number>();
  private readonly byKey = new Map<string, Place>();

  private intern(place: Place): Place {
    const known = this.byKey.get(place.key);
    if (known) return known;
    this.byKey.set(place.key, place);
    return place;
  }

  ofBinding(binding: Binding): Place {
    let id = this.ids.get(binding);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(binding, id);
    }
    return this.intern({ key: `b${id}`, name: binding.identifier.name, binding });
  }

  /** A field of a class of the module, however its object is written. */
  ofField(cls: NodePath<t.Class>, property: string, written: string): Place {
    const name = className(cls);
    return this.intern({ key: `c${cls.node.start ?? 0}.${property}`, name: `${written}.${property}`, property, object: written, objects: ['this', name] });
  }

  /** The place an expression denotes: a variable, a field, a property of a module object or of
   *  `exports` / `module.exports` / `globalThis`, or what a module function returns when called
   *  (`getClient()` with `return client`). */
  of(raw: NodePath, depth = 0): Place | undefined {
    const p = unwrap(raw);
    if (p.isCallExpression() && depth < 3) return this.returnedPlace(p, depth);
    const whole = sharedObject(p);
    if (whole) return this.intern({ key: `g:${whole}`, name: whole });
    if (p.isIdentifier()) {
      const binding = p.scope.getBinding(p.node.name);
      return binding ? this.ofBinding(binding) : undefined;
    }
    if (!p.isMemberExpression() && !p.isOptionalMemberExpression()) return undefined;
    const property = memberKey(p.node as t.MemberExpression);
    if (property === undefined) return undefined;
    const object = unwrap(p.get('object') as NodePath);
    if (object.isThisExpression()) {
      const cls = classOfThis(object);
      return cls ? this.ofField(cls, property, 'this') : undefined;
    }
    const shared = sharedObject(object);
    if (shared) return this.intern({ key: `g:${shared}.${property}`, name: `${shared}.${property}`, property, object: shared, objects: [shared] });
    if (!object.isIdentifier()) return undefined;
    const binding = object.scope.getBinding(object.node.name);
    if (!binding) return undefined;
    const cls = classOfBinding(binding) ?? classOfInstance(binding);
    if (cls) return this.ofField(cls, property, object.node.name);
    const base = this.ofBinding(binding);
    return this.intern({ key: `${base.key}.${property}`, name: `${object.node.name}.${property}`, property, object: object.node.name, binding });
  }

  /** Where the value `made` computes is kept: the places its callers keep a returned value too. */
  keptIn(made: NodePath, depth = 0): Place[] {
    if (depth > 3) return [];
    let child: NodePath = made;
    let parent = made.parentPath;
    /** The element index while the value is in an array handed to `Promise.all`. */
    let index: number | undefined;
    let inArray: number | undefined;
    /** The property of an object literal the value is given as, while that object is what is kept (`{ instanceId: uuid() }`). */
    let property: { key: string; object: t.ObjectExpression } | undefined;
    while (parent) {
      if (parent.isTSAsExpression() || parent.isTSNonNullExpression() || parent.isTSSatisfiesExpression() || parent.isParenthesizedExpression() || parent.isAwaitExpression()) {
        // passes through
      } else if (parent.isLogicalExpression() || (parent.isConditionalExpression() && parent.node.test !== child.node) || parent.isSequenceExpression()) {
        if (parent.isSequenceExpression() && parent.node.expressions[parent.node.expressions.length - 1] !== child.node) return [];
      } else if (parent.isMemberExpression() && parent.node.object === child.node && CONVERSIONS.test(propertyName(parent.node) ?? '')) {
        const call = parent.parentPath;
        if (call?.isCallExpression() && call.node.callee === parent.node) {
          child = call;
          parent = call.parentPath;
          continue;
        }
      } else if (parent.isArrayExpression()) {
        inArray = parent.node.elements.indexOf(child.node as t.Expression);
      } else if (parent.isSpreadElement() || parent.isObjectProperty()) {
        if (parent.isObjectProperty() && parent.node.value !== child.node) return [];
        if (parent.isObjectProperty()) inArray = undefined;
        const key = parent.isObjectProperty() && !parent.node.computed ? keyName(parent.node.key) : undefined;
        property = key !== undefined && child === made ? { key, object: parent.parentPath!.node as t.ObjectExpression } : undefined;
      } else if (parent.isObjectExpression()) {
        // the object keeps it
        if (property && property.object !== parent.node) property = undefined;
      } else if (parent.isCallExpression() && parent.node.arguments.includes(child.node as t.Expression)) {
        const callee = parent.get('callee') as NodePath;
        const member = unwrap(callee);
        const method = member.isMemberExpression() ? propertyName(member.node) : undefined;
        const object = member.isMemberExpression() ? unwrap(member.get('object') as NodePath) : undefined;
        if (object?.isIdentifier() && object.node.name === 'Promise' && !object.scope.getBinding('Promise') && COMBINATORS.test(method ?? '')) {
          index = inArray;
        } else if (object?.isIdentifier() && object.node.name === 'Object' && FREEZES.test(method ?? '') && parent.node.arguments[0] === child.node) {
          // `Object.freeze({ ... })` returns the object it is given.
        } else if (promiseResolved(parent)) {
          // `new Promise((resolve) => resolve(x))`: the promise keeps x.
          const made = promiseResolved(parent)!;
          child = made;
          parent = made.parentPath;
          inArray = undefined;
          continue;
        } else if (object?.isIdentifier() && object.node.name === 'Object' && method === 'assign' && parent.node.arguments[0] !== child.node) {
          return this.keptInTarget(parent.get('arguments')[0] as NodePath);
        } else if (object && method !== undefined && COLLECTS.test(method)) {
          const place = this.of(object);
          return place ? [place] : [];
        } else {
          return [];
        }
        inArray = undefined;
      } else if (parent.isVariableDeclarator() && parent.node.init === child.node) {
        const id = parent.get('id') as NodePath;
        // `const services = Object.freeze({ instanceId: uuid(), cache: new Cache() })`: each value at its own property.
        const binding = property && id.isIdentifier() ? id.scope.getBinding(id.node.name) : undefined;
        if (property && binding?.constant && unwrap(parent.get('init') as NodePath).node !== property.object && !isFrozen(parent.node.init, property.object)) property = undefined;
        if (property && binding?.constant) {
          const base = this.ofBinding(binding);
          return [
            this.intern({
              key: `${base.key}.${property.key}`,
              name: `${binding.identifier.name}.${property.key}`,
              property: property.key,
              object: binding.identifier.name,
              binding,
            }),
          ];
        }
        if (id.isArrayPattern() && index !== undefined) {
          const element = id.get('elements')[index];
          return element?.node ? this.fromPattern(element as NodePath) : [];
        }
        return this.fromPattern(id);
      } else if (parent.isAssignmentExpression() && parent.node.right === child.node) {
        const place = this.of(parent.get('left') as NodePath);
        return place ? [place] : [];
      } else if ((parent.isClassProperty() || parent.isClassPrivateProperty()) && parent.node.value === child.node) {
        const cls = parent.parentPath?.parentPath as NodePath<t.Class>;
        const node = parent.node;
        const property = node.type === 'ClassPrivateProperty' ? `#${node.key.id.name}` : keyName((node as t.ClassProperty).key);
        return property === undefined ? [] : [this.ofField(cls, property, node.static ? className(cls) : 'this')];
      } else if (parent.isExportDefaultDeclaration()) {
        return [this.intern({ key: 'export:default', name: 'the default export' })];
      } else if (parent.isReturnStatement() || (parent.isArrowFunctionExpression() && parent.node.body === child.node)) {
        const fn = parent.isReturnStatement() ? parent.getFunctionParent() : parent;
        // A callback whose results an array is built from at once (`Array.from({ length: 4 }, () => uuid())`, `ids.map(...)`): the array keeps them.
        const builder = fn?.parentPath;
        if (fn && builder?.isCallExpression() && builder.node.arguments.includes(fn.node as t.Expression) && buildsArray(builder.node)) {
          child = builder;
          parent = builder.parentPath;
          inArray = undefined;
          continue;
        }
        return this.returnedTo(fn, depth);
      } else {
        return [];
      }
      child = parent;
      parent = parent.parentPath;
    }
    return [];
  }

  /** `const x = ...` and `const { a, b } = ...`: the variables a pattern binds. */
  private fromPattern(id: NodePath): Place[] {
    const places: Place[] = [];
    for (const name of Object.keys(id.getBindingIdentifiers())) {
      const binding = id.scope.getBinding(name);
      if (binding) places.push(this.ofBinding(binding));
    }
    return places;
  }

  private keptInTarget(target: NodePath): Place[] {
    const place = this.of(target);
    return place ? [place] : [];
  }

  /** The place a module function's result is kept in, when it returns one (`return client`). */
  private returnedPlace(call: NodePath<t.CallExpression>, depth: number): Place | undefined {
    const callee = unwrap(call.get('callee') as NodePath);
    if (!callee.isIdentifier()) return undefined;
    const decl = callee.scope.getBinding(callee.node.name)?.path;
    let fn: NodePath | undefined;
    if (decl?.isFunctionDeclaration()) fn = decl;
    else if (decl?.isVariableDeclarator() && decl.node.init) {
      const init = unwrap(decl.get('init') as NodePath);
      if (init.isFunction()) fn = init;
    }
    if (!fn) return undefined;
    const body = fn.get('body') as NodePath;
    if (!body.isBlockStatement()) return this.of(body, depth + 1);
    let found: Place | undefined;
    body.traverse({
      Function(inner) {
        inner.skip();
      },
      ReturnStatement: (ret) => {
        const argument = ret.get('argument') as NodePath;
        if (!found && argument.node) found = this.of(argument, depth + 1);
      },
    });
    return found;
  }

  /** Where the callers of the module's function `fn` keep what it returns. */
  private returnedTo(fn: NodePath | null, depth: number): Place[] {
    if (!fn) return [];
    let binding: Binding | undefined;
    const node = fn.node;
    if (node.type === 'FunctionDeclaration' && node.id) binding = fn.parentPath?.scope.getBinding(node.id.name);
    else {
      const declarator = valueParent(fn).parentPath;
      if (declarator?.isVariableDeclarator() && declarator.node.id.type === 'Identifier') binding = declarator.scope.getBinding(declarator.node.id.name);
    }
    const places: Place[] = [];
    for (const ref of binding?.referencePaths ?? []) {
      const self = valueParent(ref);
      const call = self.parentPath;
      if (call?.isCallExpression() && call.node.callee === self.node) places.push(...this.keptIn(call, depth + 1));
    }
    return places;
  }
}
