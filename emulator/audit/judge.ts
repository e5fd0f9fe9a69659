// What the run cannot tell, decided by reading the user's line: the call the run attributed to
// it, whether its value is kept (a timestamp logged and dropped clones nothing), and whether an
// after-restore hook of the module renews it (assigns the variable or property it is kept in,
// or, for a connection or timer, does anything with the client that holds it). Uses the
// plugin's parser and its reading of hook registrations (plugin/core), nothing of its rules.
import type * as t from '@babel/types';
import { traverse, type Binding, type NodePath } from '../../plugin/core/ast/babel.js';
import { parseSource } from '../../plugin/core/ast/parse.js';
import { findRuntimeUse } from '../../plugin/core/module/imports.js';
import { methodOf } from '../../plugin/core/module/uniqueness.js';
import type { RuntimeModule } from '../../plugin/core/options.js';

export interface Judgment {
  /** The call (or read) the run attributed to the line, as written, shortened. */
  call: string;
  /** Where its value goes: kept somewhere, or thrown away. */
  kept: boolean;
  /** The variable or property it is kept in, as written. */
  keptIn?: string;
  /** What holds it: where it is kept, or the client whose method made the call (`pool` in `pool.query()`). */
  heldBy?: string;
  /** An after-restore hook assigns where it is kept. */
  renewed: boolean;
  /** An after-restore hook uses the variable (or property) that holds it: a client reconnected, a timer re-armed. */
  touchedAfterRestore: boolean;
  /** `// snapshot-restore-ignore` covers it. */
  ignoredCodes?: Set<string>;
  /** Options an object-literal argument of the call sets to `true` (`disableEntropyCache`). */
  trueOptions: string[];
  /** The first argument is a variable or property (what an in-place fill, `randomFillSync(key)`, fills). */
  fillsKept: boolean;
  /** The variable it is kept in, by name and the line that declares it (to find its value at the snapshot point). */
  keptBinding?: { name: string; line: number };
  /** A variable the value is handed to a method of (`labels.set(t, make())`), whether or not that decides where it is kept. */
  handedBinding?: { name: string; line: number };
  /** Names around the value up to its statement: the properties of object literals it is placed in, the variable its statement declares (`const signingKey = lazy(() => make())`). */
  around: string[];
  /** What the line keeps is handed to a method of the object in `keptBinding`: kept only if the object holds it at the snapshot point. */
  handedTo?: boolean;
  /** The call loads a module (`require('x')`, `import('x')`): what the module draws at load is its own. */
  loadsModule: boolean;
  /** The node's start column (0-based) and length on its line. */
  column: number;
  length: number;
  lineText: string;
}

interface Store {
  kept: boolean;
  /** Handed to a method of an object the user keeps (`cache.set(k, v)`): kept only if the object still holds it. */
  handedTo?: boolean;
  text?: string;
  binding?: Binding;
  property?: string;
}

interface Parsed {
  program: NodePath<t.Program>;
  lines: string[];
  comments: t.Comment[];
  after?: HookUse;
}

interface HookUse {
  /** The functions an after-restore hook runs (its own and those it calls): what they make is made again after each restore. */
  runs: Set<t.Node>;
  assigned: Set<Binding>;
  assignedProperties: Set<string>;
  used: Set<Binding>;
  usedProperties: Set<string>;
}

const parsedFiles = new Map<string, Parsed | null>();

function parsed(source: string, file: string): Parsed | undefined {
  const key = `${file}\0${source.length}`;
  if (parsedFiles.has(key)) return parsedFiles.get(key) ?? undefined;
  const result = parseSource(source, file);
  let program: NodePath<t.Program> | undefined;
  if (result.ok) {
    traverse(result.ast, {
      Program(p) {
        program = p;
        p.stop();
      },
    });
  }
  const value = result.ok && program ? { program, lines: source.split(/\r\n|\r|\n/), comments: result.ast.comments ?? [] } : null;
  parsedFiles.set(key, value);
  return value ?? undefined;
}

/** Judges the code at `line`:`column` (1-based both, as a stack trace gives them). */
export function judge(source: string, file: string, line: number, column: number, modules: RuntimeModule[]): Judgment | undefined {
  const unit = parsed(source, file);
  if (!unit) return undefined;
  const node = nodeAt(unit.program, line, column - 1);
  if (!node) return undefined;
  unit.after ??= afterRestoreUse(unit.program, file, modules);
  const seen: { handed?: Store } = {};
  const store = storeOf(node, source, seen);
  const handedTo = seen.handed?.binding?.identifier;
  // A client's method (`pool.query()`): the client is what holds the connection.
  const holder = store.binding || store.property ? store : (receiverOf(node) ?? store);
  const renewed =
    (store.binding !== undefined && unit.after.assigned.has(store.binding)) ||
    (store.property !== undefined && unit.after.assignedProperties.has(store.property)) ||
    // The line itself runs again in an after-restore hook (`const refill = () => m.set(k, draw()); registerAfterRestore(refill)`).
    node.findParent((p) => unit.after!.runs.has(p.node)) !== null;
  const touchedAfterRestore =
    (holder.binding !== undefined && (unit.after.used.has(holder.binding) || unit.after.assigned.has(holder.binding))) ||
    (holder.property !== undefined && (unit.after.usedProperties.has(holder.property) || unit.after.assignedProperties.has(holder.property)));
  const loc = node.node.loc!;
  const lineText = unit.lines[loc.start.line - 1] ?? '';
  const length = loc.end.line === loc.start.line ? loc.end.column - loc.start.column : lineText.length - loc.start.column;
  const text = source.slice(node.node.start ?? 0, node.node.end ?? 0).replace(/\s+/g, ' ');
  const declared = store.binding?.identifier;
  return {
    call: text.length <= 60 ? text : `${text.slice(0, 57)}...`,
    kept: store.kept,
    ...(declared?.loc ? { keptBinding: { name: declared.name, line: declared.loc.start.line } } : {}),
    loadsModule: loadsModule(node.node),
    ...(store.handedTo ? { handedTo: true } : {}),
    ...(handedTo?.loc ? { handedBinding: { name: handedTo.name, line: handedTo.loc.start.line } } : {}),
    ...(store.text ? { keptIn: store.text } : {}),
    ...(holder.text ? { heldBy: holder.text } : {}),
    renewed,
    touchedAfterRestore,
    trueOptions: trueOptionsOf(node.node),
    around: namesAround(node),
    fillsKept: firstArgumentKept(node.node),
    ...ignoredAt(unit.comments, loc.start.line),
    column: loc.start.column,
    length,
    lineText,
  };
}

function loadsModule(node: t.Node): boolean {
  if (node.type !== 'CallExpression') return false;
  return node.callee.type === 'Import' || (node.callee.type === 'Identifier' && node.callee.name === 'require');
}

/**
 * Judges what initialises the module-scope variable `name` declared on `line`: the call in its
 * initializer (for a kept value that carries randomness another line drew).
 */
export function judgeDeclaration(source: string, file: string, line: number, name: string, modules: RuntimeModule[]): Judgment | undefined {
  const unit = parsed(source, file);
  if (!unit) return undefined;
  let init: t.Node | undefined;
  unit.program.traverse({
    VariableDeclarator(p) {
      const id = p.node.id;
      if (id.type === 'Identifier' && id.name === name && id.loc?.start.line === line && p.node.init) {
        init = p.node.init;
        p.stop();
      }
    },
  });
  let call: t.Node | undefined;
  // The first call or `new` in it, in source order (`ObjectId.generate()` in `ObjectId.generate().toString('hex')`).
  const find = (node: t.Node | undefined): void => {
    if (!node || call) return;
    if (node.type === 'AwaitExpression') return find(node.argument);
    if (node.type === 'CallExpression' || node.type === 'NewExpression') {
      find(node.callee);
      if (!call) call = node;
      return;
    }
    if (node.type === 'MemberExpression') return find(node.object);
  };
  find(init);
  if (!call?.loc) return undefined;
  return judge(source, file, call.loc.start.line, call.loc.start.column + 1, modules);
}

/** The lines of the statement that declares the module-scope variable `name` on `line` (an object literal over several lines). */
export function declarationSpan(source: string, file: string, line: number, name: string): { start: number; end: number } | undefined {
  const unit = parsed(source, file);
  if (!unit) return undefined;
  let span: { start: number; end: number } | undefined;
  unit.program.traverse({
    VariableDeclarator(p) {
      const id = p.node.id;
      const statement = p.parentPath.node.loc;
      if (id.type === 'Identifier' && id.name === name && id.loc?.start.line === line && statement) {
        span = { start: statement.start.line, end: statement.end.line };
        p.stop();
      }
    },
  });
  return span;
}

/** The innermost call, `new`, or member read that contains the position. */
function nodeAt(program: NodePath<t.Program>, line: number, column: number): NodePath | undefined {
  let best: NodePath | undefined;
  let bestSize = Number.POSITIVE_INFINITY;
  const contains = (node: t.Node) => {
    const { start, end } = node.loc!;
    const after = line > start.line || (line === start.line && column >= start.column);
    const before = line < end.line || (line === end.line && column < end.column);
    return after && before;
  };
  const visit = (p: NodePath) => {
    if (!p.node.loc || !contains(p.node)) return;
    const size = (p.node.end ?? 0) - (p.node.start ?? 0);
    if (size < bestSize) {
      best = p;
      bestSize = size;
    }
  };
  program.traverse({
    CallExpression: visit,
    NewExpression: visit,
    OptionalCallExpression: visit,
    MemberExpression(p) {
      // A read (process.env.X), not a callee: calls are judged as calls.
      const parent = p.parentPath;
      if ((parent.isCallExpression() || parent.isNewExpression()) && parent.node.callee === p.node) return;
      visit(p);
    },
    AwaitExpression: visit,
  });
  // `await x()` as an async frame points at the await: judge the call it awaits.
  const found = best as NodePath | undefined;
  if (found?.isAwaitExpression()) return found.get('argument') as NodePath;
  return found;
}

function isLogger(callee: t.Node): boolean {
  return callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === 'console';
}

function rootBinding(node: t.Node, p: NodePath): Binding | undefined {
  let root = node;
  while (root.type === 'MemberExpression' || root.type === 'OptionalMemberExpression') root = root.object;
  return root.type === 'Identifier' ? p.scope.getBinding(root.name) : undefined;
}

function memberName(node: t.MemberExpression | t.OptionalMemberExpression): string | undefined {
  if (node.property.type === 'PrivateName') return `#${node.property.id.name}`;
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  return node.property.type === 'StringLiteral' ? node.property.value : undefined;
}

/** Follows a value up to where it is kept, or thrown away (the lint's rule: a statement of its own or a console call drops it). */
function storeOf(start: NodePath, source: string, seen: { handed?: Store } = {}): Store {
  let handed: Store | undefined;
  let child = start;
  let parent = start.parentPath;
  while (parent) {
    const node = parent.node;
    if (parent.isVariableDeclarator() && node === parent.node && parent.node.init === child.node) {
      const id = parent.node.id;
      if (id.type === 'Identifier') return { kept: true, text: id.name, binding: parent.scope.getBinding(id.name) };
      return { kept: true, text: source.slice(id.start ?? 0, id.end ?? 0) };
    }
    if (parent.isAssignmentExpression() && parent.node.right === child.node) {
      const left = parent.node.left;
      if (left.type === 'Identifier') return { kept: true, text: left.name, binding: parent.scope.getBinding(left.name) };
      if (left.type === 'MemberExpression') {
        const property = memberName(left);
        return { kept: true, text: source.slice(left.start ?? 0, left.end ?? 0), ...(property ? { property } : {}), ...bindingOf(rootBinding(left, parent)) };
      }
      return { kept: true };
    }
    if ((parent.isClassProperty() || parent.isClassPrivateProperty()) && parent.node.value === child.node) {
      const key = parent.node.key;
      const property = key.type === 'PrivateName' ? `#${key.id.name}` : key.type === 'Identifier' ? key.name : undefined;
      return { kept: true, ...(property ? { text: `this.${property}`, property } : {}) };
    }
    if (!handed && (parent.isCallExpression() || parent.isOptionalCallExpression()) && parent.node.callee !== child.node && !isLogger(parent.node.callee)) {
      // An argument handed to a method of a variable of the user's (`labels.set(t, make())`, `list.push(make())`)
      // in a statement that keeps nothing else: kept in that object if it still holds it at the snapshot point, which the run decides.
      const receiver = receiverOf(parent);
      if (receiver?.binding && receiver.property === undefined) seen.handed = handed = { ...receiver, kept: true, handedTo: true };
    }
    if (parent.isExpressionStatement()) return handed ?? { kept: false };
    if (parent.isUnaryExpression() && parent.node.operator === 'void') return { kept: false };
    if ((parent.isCallExpression() || parent.isNewExpression()) && parent.node.callee !== child.node && isLogger(parent.node.callee)) return { kept: false };
    if (parent.isStatement() || parent.isFunction()) return { kept: true };
    child = parent;
    parent = parent.parentPath;
  }
  return { kept: true };
}

function namesAround(start: NodePath): string[] {
  const names: string[] = [];
  let child = start;
  for (let parent = start.parentPath; parent; child = parent, parent = parent.parentPath) {
    if (parent.isObjectProperty() && parent.node.value === child.node) {
      const key = parent.node.key;
      if (key.type === 'Identifier') names.push(key.name);
      else if (key.type === 'StringLiteral') names.push(key.value);
    }
    if (parent.isVariableDeclarator() && parent.node.id.type === 'Identifier') names.push(parent.node.id.name);
    if (parent.isStatement() && !parent.isBlockStatement() && parent.parentPath?.isProgram()) break;
  }
  return names;
}

function bindingOf(binding: Binding | undefined): { binding?: Binding } {
  return binding ? { binding } : {};
}

/** `pool` in `pool.query()` / `this.pool.connect()`: where the client that made the call is kept. */
function receiverOf(p: NodePath): Store | undefined {
  const node = p.node;
  if (node.type !== 'CallExpression' && node.type !== 'OptionalCallExpression') return undefined;
  const callee = node.callee;
  if (callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') return undefined;
  const object = callee.object;
  if (object.type === 'Identifier') {
    // A global (`Date.now()`) holds nothing of the user's.
    const binding = p.scope.getBinding(object.name);
    return binding ? { kept: true, text: object.name, binding } : undefined;
  }
  if (object.type === 'MemberExpression') {
    const property = memberName(object);
    return { kept: true, ...(property ? { text: property, property } : {}), ...bindingOf(rootBinding(object, p)) };
  }
  return undefined;
}

/** What the module's after-restore hooks assign and use (their bodies, and the module's functions they call). */
function afterRestoreUse(program: NodePath<t.Program>, file: string, modules: RuntimeModule[]): HookUse {
  const use: HookUse = { runs: new Set(), assigned: new Set(), assignedProperties: new Set(), used: new Set(), usedProperties: new Set() };
  const visited = new Set<t.Node>();
  const visit = (fn: NodePath): void => {
    if (visited.has(fn.node)) return;
    visited.add(fn.node);
    use.runs.add(fn.node);
    fn.traverse({
      AssignmentExpression(p) {
        const left = p.node.left;
        if (left.type === 'Identifier') {
          const binding = p.scope.getBinding(left.name);
          if (binding) use.assigned.add(binding);
        } else if (left.type === 'MemberExpression') {
          const property = memberName(left);
          if (property) use.assignedProperties.add(property);
          const binding = rootBinding(left, p);
          if (binding) use.assigned.add(binding);
        }
      },
      ReferencedIdentifier(p) {
        const binding = p.scope.getBinding((p.node as t.Identifier).name);
        if (!binding) return;
        use.used.add(binding);
        // `[a, b].forEach((c) => registerAfterRestore(() => c.connect()))`, `for (const c of clients)`: each of them.
        for (const element of elementsOf(binding)) use.used.add(element);
        const target = functionOf(p);
        const call = p.parentPath;
        if (target && call?.isCallExpression() && call.node.callee === p.node) visit(target);
      },
      MemberExpression(p) {
        const property = memberName(p.node);
        if (property) use.usedProperties.add(property);
      },
      CallExpression(p) {
        // `Session.#bump()`, `this.renew()`: the class's own methods, followed like functions.
        const method = methodOf(p);
        if (method) visit(method);
      },
    });
  };
  for (const site of findRuntimeUse(program, file, modules).registrations) {
    if (site.phase !== 'afterRestore') continue;
    let fn: NodePath | undefined;
    if (site.kind === 'decorator') {
      const owner = site.path.parentPath;
      fn = owner?.isClassMethod() || owner?.isClassPrivateMethod() ? owner : undefined;
    } else {
      fn = functionOf((site.path as NodePath<t.CallExpression>).get('arguments')[0] as NodePath | undefined);
    }
    if (fn) visit(fn);
  }
  return use;
}

/**
 * The variables a loop variable stands for: the parameter of a callback given to an array's
 * forEach/map, or the variable of a for...of, over an array literal (its identifiers) or a
 * variable (the variable itself, which holds them).
 */
function elementsOf(binding: Binding): Binding[] {
  let collection: NodePath | undefined;
  const path = binding.path;
  const fn = path.isFunction() ? path : path.parentPath;
  if (binding.kind === 'param' && fn?.isFunction()) {
    const call = fn.parentPath;
    if (call?.isCallExpression() && call.node.arguments[0] === fn.node) {
      const callee = call.get('callee');
      if (callee.isMemberExpression() && ['forEach', 'map', 'every', 'some'].includes(memberName(callee.node) ?? '')) collection = callee.get('object') as NodePath;
    }
  } else if (path.isVariableDeclarator()) {
    const loop = path.parentPath?.parentPath;
    if (loop?.isForOfStatement() && loop.node.left === path.parentPath?.node) collection = loop.get('right') as NodePath;
  }
  if (!collection) return [];
  if (collection.isIdentifier()) {
    const held = collection.scope.getBinding(collection.node.name);
    const init = held?.path.isVariableDeclarator() ? (held.path.get('init') as NodePath) : undefined;
    return held ? [held, ...(init?.isArrayExpression() ? identifiersIn(init) : [])] : [];
  }
  return collection.isArrayExpression() ? identifiersIn(collection) : [];
}

function identifiersIn(array: NodePath<t.ArrayExpression>): Binding[] {
  return array.node.elements.flatMap((element) => {
    const held = element?.type === 'Identifier' ? array.scope.getBinding(element.name) : undefined;
    return held ? [held] : [];
  });
}

/** The function a hook argument (or a called name) denotes. */
function functionOf(arg: NodePath | undefined): NodePath | undefined {
  if (!arg?.node) return undefined;
  if (arg.isFunction()) return arg;
  if (arg.isIdentifier()) {
    const binding = arg.scope.getBinding(arg.node.name);
    if (binding?.path.isFunctionDeclaration()) return binding.path;
    if (binding?.path.isVariableDeclarator()) {
      const init = binding.path.get('init') as NodePath;
      return init.isFunction() ? init : undefined;
    }
  }
  if (arg.isCallExpression()) {
    const callee = arg.get('callee');
    if (callee.isMemberExpression() && memberName(callee.node) === 'bind') return functionOf(callee.get('object') as NodePath);
  }
  return undefined;
}

function firstArgumentKept(node: t.Node): boolean {
  if (node.type !== 'CallExpression' && node.type !== 'OptionalCallExpression') return false;
  const first = node.arguments[0];
  return first?.type === 'Identifier' || first?.type === 'MemberExpression';
}

function trueOptionsOf(node: t.Node): string[] {
  if (node.type !== 'CallExpression' && node.type !== 'NewExpression' && node.type !== 'OptionalCallExpression') return [];
  return node.arguments.flatMap((arg) =>
    arg.type === 'ObjectExpression'
      ? arg.properties.flatMap((prop) =>
          prop.type === 'ObjectProperty' && !prop.computed && prop.key.type === 'Identifier' && prop.value.type === 'BooleanLiteral' && prop.value.value ? [prop.key.name] : [],
        )
      : [],
  );
}

/** `// snapshot-restore-ignore [SR1xx ...]` on the line or the line before: the codes it silences (empty: all). */
function ignoredAt(comments: t.Comment[], line: number): { ignoredCodes?: Set<string> } {
  for (const comment of comments) {
    const match = /snapshot-restore-ignore\b(.*)/.exec(comment.value);
    if (!match || !comment.loc) continue;
    if (comment.loc.end.line !== line && comment.loc.end.line !== line - 1) continue;
    return { ignoredCodes: new Set(match[1]!.match(/SR\d{3}/g) ?? []) };
  }
  return {};
}
