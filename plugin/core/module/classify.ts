// Where code runs: at init (module evaluation, before the snapshot), at invoke time (only
// inside the handler), or unknown. Calls are followed within the module; each init path also
// gets an order key, so registrations can be sorted in the order module evaluation reaches them.
import type * as t from '@babel/types';
import type { Binding, NodePath } from '../ast/babel.js';
import type { HandlerInfo } from './handler.js';
import { isModuleExports, keyName, propertyName, valueParent } from './imports.js';

export type Reach =
  /** keys: one order key per way init reaches this point, compared lexicographically. */
  | { when: 'init'; keys: number[][] }
  /** direct: written in the handler's own body; via: the handler's call that leads here. */
  | { when: 'invoke'; direct: boolean; via?: NodePath }
  | { when: 'unknown'; reason: string; at?: NodePath }
  /** Not reached from anywhere in this module (or only through a call cycle). */
  | { when: 'never'; reason: string };

type ClassPath = NodePath<t.Class>;

function append(reach: Reach, suffix: number[]): Reach {
  return reach.when === 'init' ? { when: 'init', keys: reach.keys.map((key) => [...key, ...suffix]) } : reach;
}

function viaCall(reach: Reach, call: NodePath): Reach {
  if (reach.when !== 'invoke') return reach;
  return { when: 'invoke', direct: false, via: reach.via ?? call };
}

/** Merges the reaches of every place a function is called from. Init wins: it runs before the snapshot. */
function combine(reaches: Reach[], noCaller: string): Reach {
  const keys = reaches.flatMap((r) => (r.when === 'init' ? r.keys : []));
  if (keys.length > 0) return { when: 'init', keys };
  const unknown = reaches.find((r) => r.when === 'unknown');
  if (unknown) return unknown;
  const invoke = reaches.find((r) => r.when === 'invoke');
  if (invoke) return invoke;
  return { when: 'never', reason: noCaller };
}

function lineOf(p: NodePath): number {
  return p.node.loc?.start.line ?? 0;
}

export function functionName(p: NodePath): string {
  const node = p.node;
  if ((node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression') && node.id) return node.id.name;
  if (node.type === 'ClassMethod' || node.type === 'ObjectMethod') return keyName(node.key) ?? 'method';
  if (node.type === 'ClassPrivateMethod') return `#${node.key.id.name}`;
  const parent = valueParent(p).parentPath;
  if (parent?.isVariableDeclarator() && parent.node.id.type === 'Identifier') return parent.node.id.name;
  return '';
}

function describeFunction(p: NodePath): string {
  const name = functionName(p);
  return name ? `\`${name}\`` : `the function at line ${lineOf(p)}`;
}

function classOf(member: NodePath): ClassPath {
  return member.parentPath!.parentPath as ClassPath;
}

function isExportReference(ref: NodePath): boolean {
  const self = valueParent(ref);
  const parent = self.parentPath;
  if (!parent) return false;
  if (parent.isExportSpecifier() || parent.isExportDefaultDeclaration()) return true;
  if (parent.isAssignmentExpression() && parent.node.right === self.node) {
    const left = parent.node.left;
    if (isModuleExports(left)) return true;
    if (left.type === 'MemberExpression') {
      const object = left.object;
      return (object.type === 'Identifier' && object.name === 'exports') || isModuleExports(object);
    }
  }
  if (parent.isObjectProperty() && parent.node.value === self.node) {
    const assignment = parent.parentPath?.parentPath;
    return !!assignment?.isAssignmentExpression() && isModuleExports(assignment.node.left);
  }
  return false;
}

function isDeclarationExported(p: NodePath): boolean {
  const parent = p.parentPath;
  if (parent?.isExportNamedDeclaration() || parent?.isExportDefaultDeclaration()) return true;
  if (parent?.isVariableDeclarator()) return !!parent.parentPath?.parentPath?.isExportNamedDeclaration();
  return false;
}

function isTypeReference(ref: NodePath): boolean {
  const parent = ref.parentPath;
  return !!parent && (parent.isTSTypeQuery() || parent.isTSQualifiedName() || parent.isTSExpressionWithTypeArguments());
}

export class Classifier {
  private readonly functions = new Map<t.Node, Reach>();
  private readonly constructions = new Map<t.Node, Reach>();
  private readonly inProgress = new Set<t.Node>();

  /**
   * @param values The uniqueness lint's reading (module/uniqueness.ts): code that runs before the
   *   snapshot also includes callbacks that init schedules to run soon (`.then()`, `.catch()`,
   *   `.finally()`, `once()`, promise executors, microtasks), and instance and object methods
   *   called through a value init made. The hook analysis leaves those unknown: their order
   *   relative to the module's other registrations is not the source order.
   */
  constructor(
    private readonly handler: HandlerInfo,
    private readonly decorators: 'tc39' | 'legacy',
    private readonly values = false,
  ) {}

  /** Phase numbers inside a class definition: TC39 applies method decorators before static
   *  blocks and fields run; legacy (`__decorate` after the class body) the other way round. */
  private get staticPhase(): number {
    return this.decorators === 'tc39' ? 1 : 0;
  }
  private get decoratorPhase(): number {
    return this.decorators === 'tc39' ? 0 : 1;
  }

  /** When the code at `p` runs. */
  position(p: NodePath): Reach {
    const start = p.node.start ?? 0;
    let child: NodePath = p;
    let parent = p.parentPath;
    while (parent) {
      if (child.listKey === 'decorators') return this.decorator(child as NodePath<t.Decorator>).reach;
      const isMember = parent.isClassMethod() || parent.isClassPrivateMethod() || parent.isClassProperty() || parent.isClassPrivateProperty() || parent.isClassAccessorProperty();
      if (isMember && child.key === 'key') return this.position(classOf(parent));
      if (isMember && child.key === 'value' && !parent.isClassMethod() && !parent.isClassPrivateMethod()) {
        const cls = classOf(parent);
        const member = parent.node as t.ClassProperty;
        if (member.static) return append(this.position(cls), [this.staticPhase, start]);
        return append(this.construction(cls), [1, start]);
      }
      if (parent.isStaticBlock()) return append(this.position(classOf(parent)), [this.staticPhase, start]);
      if (parent.isFunction()) return append(this.function(parent), [start]);
      if (parent.isProgram()) return { when: 'init', keys: [[start]] };
      child = parent;
      parent = parent.parentPath;
    }
    return { when: 'init', keys: [[start]] };
  }

  /** When a decorator registers, and whether it decorates an instance member. */
  decorator(p: NodePath<t.Decorator>): { reach: Reach; instance: boolean; owner: NodePath } {
    const owner = p.parentPath!;
    const index = typeof p.key === 'number' ? p.key : 0;
    const count = (owner.node as { decorators?: unknown[] }).decorators?.length ?? 1;
    // Decorators of one member apply bottom-up.
    const order = count - index;
    if (owner.isClass()) return { reach: append(this.position(owner), [2, order]), instance: false, owner };
    const cls = classOf(owner);
    const member = owner.node as t.ClassMethod;
    const memberStart = member.start ?? 0;
    if (member.static) {
      return { reach: append(this.position(cls), [this.decoratorPhase, memberStart, order]), instance: false, owner };
    }
    if (this.decorators === 'legacy') {
      // Legacy decorators run once, when the class is defined, without an instance.
      return { reach: append(this.position(cls), [this.decoratorPhase, memberStart, order]), instance: true, owner };
    }
    // TC39: the decorator adds an initializer that registers at each construction.
    return { reach: append(this.construction(cls), [0, memberStart, order]), instance: true, owner };
  }

  /** When the body of function `fn` runs (the position of each call that reaches it). */
  function(fn: NodePath): Reach {
    return this.memo(this.functions, fn, () => this.computeFunction(fn));
  }

  /** When instances of `cls` are constructed. */
  construction(cls: ClassPath): Reach {
    return this.memo(this.constructions, cls, () => this.computeConstruction(cls));
  }

  private memo(cache: Map<t.Node, Reach>, p: NodePath, compute: () => Reach): Reach {
    const cached = cache.get(p.node);
    if (cached) return cached;
    if (this.inProgress.has(p.node)) return { when: 'never', reason: 'it is only reached through a cycle of calls' };
    this.inProgress.add(p.node);
    const reach = compute();
    this.inProgress.delete(p.node);
    cache.set(p.node, reach);
    return reach;
  }

  private computeFunction(fn: NodePath): Reach {
    if (this.handler.functions.has(fn.node)) return { when: 'invoke', direct: true };
    const name = describeFunction(fn);
    if (fn.isClassMethod() || fn.isClassPrivateMethod()) {
      const cls = classOf(fn);
      if (fn.node.kind === 'constructor') return this.construction(cls);
      if (fn.node.static && fn.isClassMethod()) return this.staticMethod(cls, fn);
      if (this.values) {
        const reach = this.instanceMethod(cls, fn);
        if (reach) return reach;
      }
      return {
        when: 'unknown',
        reason: `it is in the instance method ${name}, and the analysis does not follow calls through instances`,
        at: fn,
      };
    }
    if (fn.isObjectMethod() && this.values) {
      const reach = this.objectMethod(fn);
      if (reach) return reach;
    }
    if (fn.isObjectMethod()) {
      return { when: 'unknown', reason: `it is in the object method ${name}, and the analysis does not follow calls through objects`, at: fn };
    }
    const self = valueParent(fn);
    const parent = self.parentPath;
    if (parent && (parent.isCallExpression() || parent.isNewExpression()) && parent.node.callee === self.node) {
      return this.position(parent); // an immediately invoked function
    }
    // A callback of an array iteration (`[a, b].forEach((c) => ...)`) runs during that call.
    if (parent?.isCallExpression() && parent.node.arguments.includes(self.node as t.Expression) && callsAtOnce(parent)) {
      return viaCall(this.position(parent), parent);
    }
    // A callback init schedules (`promise.then(cb)`, `emitter.once(e, cb)`, `new Promise(cb)`,
    // `queueMicrotask(cb)`) runs before the snapshot when the scheduling call runs at init.
    if (
      this.values &&
      parent &&
      (parent.isCallExpression() || parent.isNewExpression()) &&
      parent.node.arguments.includes(self.node as t.Expression) &&
      runsSoon(parent) &&
      !this.neverEmittedAtInit(parent)
    ) {
      const reach = viaCall(this.position(parent), parent);
      if (reach.when === 'init' || reach.when === 'invoke') return reach;
    }
    // A property of an object literal (`const svc = { start: () => ... }`): called as `svc.start()`.
    if (this.values && parent?.isObjectProperty() && parent.node.value === self.node) {
      const reach = this.objectMethod(parent);
      if (reach) return reach;
    }
    const reaches: Reach[] = [];
    if (isDeclarationExported(self)) {
      reaches.push({
        when: 'unknown',
        reason: `it is in ${name}, which is exported: the analysis follows calls within a module only, so it cannot tell when other modules call it`,
        at: fn,
      });
    }
    const binding = this.bindingOf(fn);
    if (binding) {
      for (const ref of binding.referencePaths) reaches.push(this.reference(ref, name));
    } else if (reaches.length === 0) {
      reaches.push(this.valueUse(self, name));
    }
    return combine(reaches, `it is in ${name}, which nothing in this module calls`);
  }

  private staticMethod(cls: ClassPath, method: NodePath<t.ClassMethod>): Reach {
    const methodName = keyName(method.node.key);
    const binding = this.bindingOf(cls);
    const reaches: Reach[] = [];
    const name = describeFunction(method);
    if (isDeclarationExported(cls)) {
      reaches.push({ when: 'unknown', reason: `it is in the static method ${name} of an exported class, which other modules may call`, at: method });
    }
    for (const ref of binding?.referencePaths ?? []) {
      const member = ref.parentPath;
      if (!member?.isMemberExpression() || member.node.object !== ref.node) continue;
      if (member.node.computed || keyName(member.node.property) !== methodName) continue;
      reaches.push(this.reference(member, name));
    }
    return combine(reaches, `it is in the static method ${name}, which nothing in this module calls`);
  }

  private computeConstruction(cls: ClassPath): Reach {
    const name = cls.node.id ? `\`${cls.node.id.name}\`` : 'this class';
    const reaches: Reach[] = [];
    if (isDeclarationExported(valueParent(cls))) {
      reaches.push({
        when: 'unknown',
        reason: `the class ${name} is exported, and the analysis cannot tell when other modules construct it`,
        at: cls,
      });
    }
    const binding = this.bindingOf(cls);
    for (const ref of binding?.referencePaths ?? []) {
      if (isTypeReference(ref)) continue;
      const self = valueParent(ref);
      const parent = self.parentPath;
      if (!parent) continue;
      if (parent.isNewExpression() && parent.node.callee === self.node) {
        reaches.push(viaCall(this.position(parent), parent));
      } else if (parent.isMemberExpression() && parent.node.object === self.node) {
        // `Cls.staticThing`: not a construction
      } else if (parent.isClass() && parent.node.superClass === self.node) {
        reaches.push({ when: 'unknown', reason: `the class ${name} is subclassed, and the analysis does not follow subclasses`, at: parent });
      } else if (isExportReference(ref)) {
        reaches.push({ when: 'unknown', reason: `the class ${name} is exported, and the analysis cannot tell when other modules construct it`, at: ref });
      } else {
        reaches.push(this.valueUse(self, name));
      }
    }
    return combine(reaches, `the class ${name} is never constructed in this module`);
  }

  /** One reference to a function's binding: a call, an export, or the function passed as a value. */
  private reference(ref: NodePath, name: string): Reach {
    if (isTypeReference(ref)) return { when: 'never', reason: '' };
    const self = valueParent(ref);
    const parent = self.parentPath;
    if (!parent) return { when: 'never', reason: '' };
    if ((parent.isCallExpression() || parent.isOptionalCallExpression()) && parent.node.callee === self.node) {
      return viaCall(this.position(parent), parent);
    }
    // fn.call(...) / fn.apply(...)
    if (parent.isMemberExpression() && parent.node.object === self.node) {
      const method = keyName(parent.node.property);
      const call = parent.parentPath;
      if ((method === 'call' || method === 'apply') && call?.isCallExpression() && call.node.callee === parent.node) {
        return viaCall(this.position(call), call);
      }
    }
    if (isExportReference(ref)) {
      return {
        when: 'unknown',
        reason: `it is in ${name}, which is exported: the analysis follows calls within a module only, so it cannot tell when other modules call it`,
        at: ref,
      };
    }
    return this.valueUse(self, name);
  }

  /** A function value handed to something else (a callback, a property): known only if that
   *  happens at invoke time, since then it cannot run any earlier. */
  private valueUse(p: NodePath, name: string): Reach {
    const enclosing = p.getFunctionParent();
    if (enclosing) {
      const outer = this.function(enclosing);
      if (outer.when === 'invoke') return { when: 'invoke', direct: false, via: outer.via ?? p };
    }
    return {
      when: 'unknown',
      reason: `it is in ${name}, which is passed on as a value at line ${lineOf(p)}, and the analysis cannot tell when that is called`,
      at: p,
    };
  }

  /** An instance method of `cls`: it runs where it is called, on an instance kept in a variable
   *  (`const repo = new Repo(); repo.load()`) or on `this` in the class's own code. */
  private instanceMethod(cls: ClassPath, method: NodePath<t.ClassMethod | t.ClassPrivateMethod>): Reach | undefined {
    const node = method.node;
    const methodName = node.type === 'ClassPrivateMethod' ? `#${node.key.id.name}` : keyName(node.key);
    if (!methodName || node.kind !== 'method') return undefined;
    const calls: NodePath[] = [];
    cls.traverse({
      CallExpression: (p) => {
        const callee = p.node.callee;
        if (callee.type === 'MemberExpression' && callee.object.type === 'ThisExpression' && memberKey(callee) === methodName) calls.push(p);
      },
    });
    for (const instance of instancesOf(cls)) {
      for (const ref of instance.referencePaths) {
        const member = valueParent(ref).parentPath;
        if (!member?.isMemberExpression() || member.node.object !== valueParent(ref).node || memberKey(member.node) !== methodName) continue;
        const call = member.parentPath;
        if (call?.isCallExpression() && call.node.callee === member.node) calls.push(call);
      }
    }
    if (calls.length === 0) return undefined;
    const name = describeFunction(method);
    return combine(
      calls.map((call) => viaCall(this.position(call), call)),
      `it is in the instance method ${name}, which nothing in this module calls`,
    );
  }

  /** A method of an object literal kept in a variable: it runs where `object.method()` is called. */
  /** `bus.once('invoked', fn)` on the module's own `new EventEmitter()`: only the module emits its
   *  events, so the listener runs at init only if init emits that event on it (`bus.emit('invoked')`). */
  private readonly asking = new Set<t.Node>();
  private neverEmittedAtInit(call: NodePath): boolean {
    // An emit inside the listener itself asks again: what is being asked counts as emitted.
    if (this.asking.has(call.node)) return false;
    this.asking.add(call.node);
    try {
      return this.unemitted(call);
    } finally {
      this.asking.delete(call.node);
    }
  }

  private unemitted(call: NodePath): boolean {
    const callee = call.node.type === 'CallExpression' ? call.node.callee : undefined;
    if (callee?.type !== 'MemberExpression' || callee.object.type !== 'Identifier' || propertyName(callee) !== 'once') return false;
    const event = (call.node as t.CallExpression).arguments[0];
    if (event?.type !== 'StringLiteral') return false;
    const binding = call.scope.getBinding(callee.object.name);
    const init = binding?.path.isVariableDeclarator() ? binding.path.node.init : undefined;
    if (!binding || init?.type !== 'NewExpression' || init.callee.type !== 'Identifier' || !ownEmitter(binding.path.scope.getBinding(init.callee.name))) return false;
    return !binding.referencePaths.some((ref) => {
      const member = ref.parentPath;
      const emit = member?.parentPath;
      if (!member?.isMemberExpression() || member.node.object !== ref.node || propertyName(member.node) !== 'emit' || !emit?.isCallExpression()) return false;
      const name = emit.node.arguments[0];
      return name?.type === 'StringLiteral' && name.value === event.value && this.position(emit).when === 'init';
    });
  }

  private objectMethod(member: NodePath): Reach | undefined {
    const object = member.parentPath;
    const methodName = keyName((member.node as t.ObjectMethod | t.ObjectProperty).key);
    if (!object?.isObjectExpression() || !methodName) return undefined;
    const declarator = valueParent(object).parentPath;
    if (!declarator?.isVariableDeclarator() || declarator.node.id.type !== 'Identifier') return undefined;
    const binding = declarator.scope.getBinding(declarator.node.id.name);
    if (!binding) return undefined;
    const calls: NodePath[] = [];
    for (const ref of binding.referencePaths) {
      const self = valueParent(ref);
      const access = self.parentPath;
      if (!access?.isMemberExpression() || access.node.object !== self.node || memberKey(access.node) !== methodName) continue;
      const call = access.parentPath;
      if (call?.isCallExpression() && call.node.callee === access.node) calls.push(call);
    }
    if (calls.length === 0) return undefined;
    return combine(
      calls.map((call) => viaCall(this.position(call), call)),
      '',
    );
  }

  private bindingOf(p: NodePath): Binding | undefined {
    const node = p.node;
    if ((node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration') && node.id) {
      return p.parentPath?.scope.getBinding(node.id.name);
    }
    const parent = valueParent(p).parentPath;
    if (parent?.isVariableDeclarator() && parent.node.id.type === 'Identifier') {
      const binding = parent.scope.getBinding(parent.node.id.name);
      return binding?.constant ? binding : undefined;
    }
    return undefined;
  }
}

/** A member's name, private names included (`#load`). */
function memberKey(member: t.MemberExpression): string | undefined {
  return member.property.type === 'PrivateName' ? `#${member.property.id.name}` : propertyName(member);
}

/** The variables that hold instances of `cls` made by `new` (`const repo = new Repo()`). */
function instancesOf(cls: ClassPath): Binding[] {
  const node = cls.node;
  let classBinding: Binding | undefined;
  if (node.type === 'ClassDeclaration' && node.id) classBinding = cls.parentPath?.scope.getBinding(node.id.name);
  else {
    const declarator = valueParent(cls).parentPath;
    if (declarator?.isVariableDeclarator() && declarator.node.id.type === 'Identifier') classBinding = declarator.scope.getBinding(declarator.node.id.name);
  }
  const found: Binding[] = [];
  for (const ref of classBinding?.referencePaths ?? []) {
    const self = valueParent(ref);
    const made = self.parentPath;
    if (!made?.isNewExpression() || made.node.callee !== self.node) continue;
    let value: NodePath = valueParent(made);
    if (value.parentPath?.isAwaitExpression()) value = valueParent(value.parentPath);
    const declarator = value.parentPath;
    if (declarator?.isVariableDeclarator() && declarator.node.init === value.node && declarator.node.id.type === 'Identifier') {
      const binding = declarator.scope.getBinding(declarator.node.id.name);
      if (binding) found.push(binding);
    }
  }
  return found;
}

/** Whether a class is Node.js's EventEmitter, imported from `events` / `node:events`. */
function ownEmitter(binding: Binding | undefined): boolean {
  const decl = binding?.path;
  const source = decl?.parentPath?.isImportDeclaration() ? decl.parentPath.node.source.value : undefined;
  return source === 'events' || source === 'node:events';
}

/** Methods that schedule the callbacks they are given to run soon after the call (a promise's
 *  reactions, an emitter's one-time listener, a microtask), and promise executors, which run at once. */
const SOON = new Set(['then', 'catch', 'finally', 'once']);

function runsSoon(call: NodePath<t.CallExpression> | NodePath<t.NewExpression>): boolean {
  const callee = call.node.callee;
  if (call.isNewExpression()) return callee.type === 'Identifier' && callee.name === 'Promise' && !call.scope.getBinding('Promise');
  if (callee.type === 'Identifier') return (callee.name === 'queueMicrotask' || callee.name === 'setImmediate') && !call.scope.getBinding(callee.name);
  if (callee.type !== 'MemberExpression') return false;
  const method = propertyName(callee);
  if (method === 'nextTick') return callee.object.type === 'Identifier' && callee.object.name === 'process';
  // `process.once('exit', ...)` runs at exit, not soon.
  if (method === 'once' && callee.object.type === 'Identifier' && callee.object.name === 'process') return false;
  return !!method && SOON.has(method);
}

/** Array methods that call their callback before they return. */
const SYNC_CALLBACKS = new Set([
  'map',
  'flatMap',
  'forEach',
  'filter',
  'reduce',
  'reduceRight',
  'some',
  'every',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'sort',
  'toSorted',
]);

/** Whether `call` calls the callbacks it is given before it returns (`[a, b].forEach(fn)`,
 *  `Array.from(list, fn)`): a callback passed to it runs where the call runs. */
export function callsAtOnce(call: NodePath<t.CallExpression>): boolean {
  const callee = call.node.callee;
  if (callee.type !== 'MemberExpression') return false;
  const method = propertyName(callee);
  if (method === 'from' && callee.object.type === 'Identifier' && callee.object.name === 'Array' && !call.scope.getBinding('Array')) return true;
  return !!method && SYNC_CALLBACKS.has(method);
}
