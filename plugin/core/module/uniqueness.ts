// The uniqueness lint (SR1xx): values made before the snapshot that every restored environment
// shares. A pure function of (source, file, options), like the hook analysis.
//
// A finding needs three things:
// 1. a call a rule matches (each rules/SR1xx-*.ts has its table; rules/uniqueness-match.ts looks them up), recognised through imports, requires,
//    destructuring and aliases, by a canonical name such as `crypto.randomUUID`;
// 2. a place that runs before the snapshot: at init (module top level, static blocks and fields,
//    functions that init code calls, as plugin/classify.ts decides) or in a before-snapshot hook;
//    the handler, after-restore hooks and code the analysis cannot place are left alone;
// 3. for values (random numbers, IDs, timestamps), somewhere they are kept: a variable, a
//    property, an argument. A value thrown away (`console.log(Date.now())`) is harmless.
// It is not reported when an after-restore hook of the same module assigns the place again (or,
// for timers and connections, when any hook of the module touches it), or when the line or the
// line before says `// snapshot-restore-ignore SR1xx`.
import type * as t from '@babel/types';
import { traverse, type Binding, type NodePath } from '../ast/babel.js';
import { Classifier, callsAtOnce } from './classify.js';
import type { Finding } from '../diagnostics.js';
import { locationOf } from '../ast/location.js';
import { findHandler } from './handler.js';
import { findRuntimeUse, keyName, propertyName, stringValue } from './imports.js';
import { mentionNeedles, type AnalyzeOptions } from '../options.js';
import { parseSource } from '../ast/parse.js';
import { nameOf, unwrap } from './names.js';
import { listedByCombinator } from './combinators.js';
import { initWork, packageOfCallee } from './init-work.js';
import { libraryFacts } from '../library/facts.js';
import { credentialsAtInit } from './credentials.js';
import { CREDENTIAL_VARIABLES, canonicalName, ruleForCall, ruleForConstruct, ruleOf, type UniquenessCode } from '../rules/uniqueness-match.js';
import type { MatchCondition, UniquenessRule } from '../rules/uniqueness-rule.js';
import { UNIQUENESS_RULES } from '../rules/index.js';

/** Where a value ends up. */
interface Store {
  /** False when the value is thrown away. */
  kept: boolean;
  /** The variable or property it is kept in, as written (`requestId`, `Config.id`, `this.pool`). */
  text?: string;
  binding?: Binding;
  /** For properties: the property name and the object as written. */
  property?: string;
  object?: string;
  /** The whole expression kept (`new Date().toISOString()` for the `new Date()` in it). */
  value?: t.Node;
}

/** What the module's hooks assign and mention. */
interface HookEffects {
  /** Assigned in after-restore hooks. */
  renewedBindings: Set<Binding>;
  renewedProperties: Array<{ object: string; property: string }>;
  /** Mentioned in any hook (closing a pool, clearing a timer), with the registered hook functions that mention each. */
  touchedBindings: Map<Binding, Set<t.Node>>;
  touchedProperties: Array<{ object: string; property: string; hook: t.Node }>;
  /** Function nodes registered as before-snapshot hooks (their bodies run before the snapshot). */
  beforeSnapshot: Set<t.Node>;
  /** Classes of this module constructed anew in after-restore hooks: their instance fields are renewed. */
  renewedClasses: Set<t.Node>;
}

function textOf(node: t.Node, source: string): string {
  return source.slice(node.start ?? 0, node.end ?? 0).replace(/\s+/g, ' ');
}

function objectText(node: t.Node, source: string): string {
  return node.type === 'ThisExpression' ? 'this' : textOf(node, source);
}

function isLogger(callee: t.Node): boolean {
  return callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === 'console';
}

/** Follows the value of `p` up to where it is kept, or thrown away. */
function storeOf(p: NodePath, source: string): Store {
  let child = p;
  let parent = p.parentPath;
  /** The element's index while the value is in an array an awaited `Promise.all` is given. */
  let element: number | undefined;
  while (parent) {
    if (parent.isArrayExpression() && listedByCombinator(parent)) {
      element = parent.node.elements.indexOf(child.node as t.Expression);
    }
    if (parent.isVariableDeclarator() && parent.node.init === child.node) {
      let id = parent.node.id;
      // `const [a, secret] = await Promise.all([..., getSecret()])`: kept in its own element.
      const own = id.type === 'ArrayPattern' && element !== undefined ? id.elements[element] : undefined;
      if (own?.type === 'Identifier') id = own;
      if (id.type === 'Identifier') return { kept: true, text: id.name, binding: parent.scope.getBinding(id.name), value: child.node };
      return { kept: true, text: textOf(id, source) };
    }
    if (parent.isAssignmentExpression() && parent.node.right === child.node) {
      const left = parent.node.left;
      if (left.type === 'Identifier') return { kept: true, text: left.name, binding: parent.scope.getBinding(left.name), value: child.node };
      if (left.type === 'MemberExpression') {
        const property = memberName(left);
        return { kept: true, text: textOf(left, source), property, object: objectText(left.object, source), value: child.node };
      }
      return { kept: true, text: textOf(left, source) };
    }
    if ((parent.isClassProperty() || parent.isClassPrivateProperty()) && parent.node.value === child.node) {
      const cls = parent.parentPath?.parentPath?.node as t.Class | undefined;
      const property = parent.isClassPrivateProperty() ? `#${parent.node.key.id.name}` : keyName((parent.node as t.ClassProperty).key);
      const owner = parent.node.static ? (cls?.id?.name ?? 'this') : 'this';
      return { kept: true, text: `${owner}.${property}`, property, object: owner, value: child.node };
    }
    if (parent.isExpressionStatement()) return { kept: false };
    if (parent.isUnaryExpression() && parent.node.operator === 'void') return { kept: false };
    if ((parent.isCallExpression() || parent.isNewExpression()) && parent.node.callee !== child.node && isLogger(parent.node.callee)) {
      return { kept: false };
    }
    if (parent.isStatement() || parent.isFunction()) return { kept: true }; // returned, exported, tested...
    child = parent;
    parent = parent.parentPath;
  }
  return { kept: true };
}

/** The function node a registration's argument denotes. */
function functionOf(arg: NodePath | undefined): NodePath | undefined {
  if (!arg?.node) return undefined;
  const p = unwrap(arg);
  if (p.isFunction()) return p;
  if (p.isIdentifier()) {
    const binding = p.scope.getBinding(p.node.name);
    if (binding?.path.isFunctionDeclaration()) return binding.path;
    if (binding?.path.isVariableDeclarator()) return functionOf(binding.path.get('init') as NodePath);
    return undefined;
  }
  if (p.isCallExpression()) {
    // fn.bind(...)
    const callee = p.get('callee');
    if (callee.isMemberExpression() && propertyName(callee.node) === 'bind') return functionOf(callee.get('object') as NodePath);
  }
  return undefined;
}

function hookEffects(program: NodePath<t.Program>, file: string, options: AnalyzeOptions, source: string): HookEffects {
  const effects: HookEffects = {
    renewedBindings: new Set(),
    renewedProperties: [],
    touchedBindings: new Map(),
    touchedProperties: [],
    beforeSnapshot: new Set(),
    renewedClasses: new Set(),
  };
  /** The registered hook whose body (or a function it calls) is being walked. */
  let hook!: t.Node;
  const touch = (binding: Binding): void => {
    const hooks = effects.touchedBindings.get(binding) ?? new Set<t.Node>();
    hooks.add(hook);
    effects.touchedBindings.set(binding, hooks);
  };
  // No hooks without a mention of the runtime or a wrapper module: skip the walk.
  if (!mentionNeedles(options.modules ?? []).some((needle) => source.includes(needle))) return effects;
  const use = findRuntimeUse(program, file, options.modules ?? []);
  // Visited per kind of hook: a function can be both.
  const seen = { renews: new Set<t.Node>(), touches: new Set<t.Node>() };

  // Walks a hook's body and, one call at a time, the module's own functions it calls.
  const visit = (fn: NodePath, renews: boolean): void => {
    const visited = renews ? seen.renews : seen.touches;
    if (visited.has(fn.node)) return;
    visited.add(fn.node);
    fn.traverse({
      AssignmentExpression(p) {
        const left = p.node.left;
        if (left.type === 'Identifier') {
          const binding = p.scope.getBinding(left.name);
          if (binding && renews) effects.renewedBindings.add(binding);
        } else if (left.type === 'MemberExpression') {
          const property = memberName(left);
          if (!property) return;
          const entry = { object: objectText(left.object, source), property, hook };
          if (renews) effects.renewedProperties.push(entry);
          effects.touchedProperties.push(entry);
          // `config.id = ...` renews what `config` holds.
          let root: t.Node = left.object;
          while (root.type === 'MemberExpression') root = root.object;
          if (root.type === 'Identifier' && renews) {
            const binding = p.scope.getBinding(root.name);
            if (binding) effects.renewedBindings.add(binding);
          }
        }
      },
      ReferencedIdentifier(p) {
        const binding = p.scope.getBinding((p.node as t.Identifier).name);
        if (!binding) return;
        touch(binding);
        // A hook registered per element (`[a, b].forEach((c) => registerBeforeSnapshot(() => c.end()))`,
        // `for (const c of clients)`): it touches every element, and the list.
        for (const element of elementsOf(binding)) {
          touch(element);
          if (renews) effects.renewedBindings.add(element);
        }
        const callee = p.parentPath;
        if (callee?.isCallExpression() && callee.node.callee === p.node) {
          const target = functionOf(p);
          if (target) visit(target, renews);
        }
      },
      MemberExpression(p) {
        const property = memberName(p.node);
        if (property) {
          effects.touchedProperties.push({ object: objectText(p.node.object, source), property, hook });
        }
      },
      CallExpression(p) {
        // `Session.#bump()`, `this.renew()`: the class's own methods, followed like functions.
        const method = methodOf(p);
        if (method) visit(method, renews);
        // An in-place fill in an after-restore hook renews the buffer: `randomFillSync(key)`.
        const arg = p.node.arguments[0];
        if (renews && arg?.type === 'Identifier' && FILLS.has(canonicalName(nameOf(p.get('callee') as NodePath) ?? ''))) {
          const binding = p.scope.getBinding(arg.name);
          if (binding) effects.renewedBindings.add(binding);
        }
      },
      NewExpression(p) {
        // `connection = new Connection()` in an after-restore hook renews what the constructor makes.
        const callee = p.node.callee;
        const binding = callee.type === 'Identifier' ? p.scope.getBinding(callee.name) : undefined;
        if (renews && binding?.path.isClass()) effects.renewedClasses.add(binding.path.node);
      },
    });
  };

  for (const site of use.registrations) {
    let fn: NodePath | undefined;
    if (site.kind === 'decorator') {
      const owner = site.path.parentPath;
      fn = owner?.isClassMethod() || owner?.isClassPrivateMethod() ? owner : undefined;
    } else {
      fn = functionOf((site.path as NodePath<t.CallExpression>).get('arguments')[0] as NodePath | undefined);
    }
    if (!fn) continue;
    if (site.phase === 'beforeSnapshot') effects.beforeSnapshot.add(fn.node);
    hook = fn.node;
    visit(fn, site.phase === 'afterRestore');
  }
  return effects;
}

/** What a loop variable or an array callback's parameter stands for: the bindings listed in the
 *  array literal it goes over (`[events, presence].forEach((s) => ...)`, `for (const c of clients)`
 *  with `const clients = [...]`), and the array's own binding. */
function elementsOf(binding: Binding): Binding[] {
  let list: NodePath | undefined;
  const decl = binding.path;
  if (binding.kind === 'param') {
    const fn = decl.isFunction() ? decl : decl.parentPath?.isFunction() ? decl.parentPath : undefined;
    const call = fn?.parentPath;
    const callee = call?.isCallExpression() ? (call.get('callee') as NodePath) : undefined;
    if (callee?.isMemberExpression() && /^(?:forEach|map|flatMap|filter|some|every)$/.test(propertyName(callee.node) ?? '') && fn!.node.params[0] === binding.identifier)
      list = callee.get('object') as NodePath;
  } else if (decl.isVariableDeclarator() && decl.parentPath?.parentPath?.isForOfStatement() && decl.parentPath.parentPath.node.left === decl.parentPath.node) {
    list = decl.parentPath.parentPath.get('right') as NodePath;
  }
  if (!list) return [];
  const found: Binding[] = [];
  let array = unwrap(list);
  if (array.isIdentifier()) {
    const named = array.scope.getBinding(array.node.name);
    if (!named) return [];
    found.push(named);
    const init = named.path.isVariableDeclarator() ? (named.path.get('init') as NodePath) : undefined;
    if (!init?.node) return found;
    array = unwrap(init);
  }
  if (!array.isArrayExpression()) return found;
  for (const element of array.node.elements) {
    const named = element?.type === 'Identifier' ? array.scope.getBinding(element.name) : undefined;
    if (named) found.push(named);
  }
  return found;
}

/** Whether `p` runs while an instance of a class that after-restore hooks construct anew is made. */
function madeByRenewedInstance(p: NodePath, renewedClasses: Set<t.Node>): boolean {
  const member = p.findParent((parent) => parent.isClassProperty() || parent.isClassPrivateProperty() || parent.isClassMethod({ kind: 'constructor' }));
  if (!member || (member.node as t.ClassProperty).static) return false;
  const owner = member.findParent((parent) => parent.isClass());
  return !!owner && renewedClasses.has(owner.node);
}

function sameProperty(store: Store, list: Array<{ object: string; property: string }>): boolean {
  if (!store.property) return false;
  return list.some((e) => e.property === store.property && (e.object === store.object || e.object === 'this' || store.object === 'this'));
}

/** Lines with `// snapshot-restore-ignore [SR1xx ...]`: the codes they silence (empty: all). */
function ignoredLines(comments: t.Comment[] | null | undefined): Map<number, Set<string>> {
  const lines = new Map<number, Set<string>>();
  for (const comment of comments ?? []) {
    const match = /snapshot-restore-ignore\b(.*)/.exec(comment.value);
    if (!match || !comment.loc) continue;
    const codes = new Set(match[1]!.match(/SR\d{3}/g) ?? []);
    // The comment's own line and the line after it.
    for (const line of [comment.loc.end.line, comment.loc.end.line + 1]) {
      const existing = lines.get(line);
      if (existing && (existing.size === 0 || codes.size === 0)) lines.set(line, new Set());
      else lines.set(line, new Set([...(existing ?? []), ...codes]));
    }
  }
  return lines;
}

function short(text: string, callee: string): string {
  return text.length <= 60 ? text : `${callee}(...)`;
}

/** SR1xx findings for one module. Never throws: a file that does not parse has none. */
export function lintUniqueness(source: string, file: string, options: AnalyzeOptions = {}): Finding[] {
  const parsed = parseSource(source, file);
  if (!parsed.ok) return [];
  let program: NodePath<t.Program> | undefined;
  traverse(parsed.ast, {
    Program(p) {
      program = p;
      p.stop();
    },
  });
  if (!program) return [];
  const lines = source.split(/\r\n|\r|\n/);
  const ignored = ignoredLines(parsed.ast.comments);
  const handler = findHandler(program, options.handler ?? 'handler', options.defaultExportIsHandler ?? false);
  const classifier = new Classifier(handler, options.decorators ?? 'tc39', true);
  const effects = hookEffects(program, file, options, source);
  const findings: Finding[] = [];

  /** 'init', 'before-snapshot', or undefined when the code does not run before the snapshot. */
  const phaseOf = (p: NodePath): 'init' | 'before-snapshot' | undefined => {
    for (let fn = p.getFunctionParent(); fn; fn = fn.parentPath?.getFunctionParent() ?? null) {
      if (effects.beforeSnapshot.has(fn.node)) return 'before-snapshot';
    }
    // A callback that an array method (or Array.from) calls at once runs where that call runs.
    const fn = p.getFunctionParent();
    const call = fn?.parentPath;
    if (call?.isCallExpression() && call.node.arguments.includes(fn!.node as t.Expression) && callsAtOnce(call)) return phaseOf(call);
    return classifier.position(p).when === 'init' ? 'init' : undefined;
  };

  const report = (code: UniquenessCode, node: t.Node, message: string, suggestion: string): void => {
    const location = locationOf(node, file, lines);
    const silenced = ignored.get(location.line);
    if (silenced && (silenced.size === 0 || silenced.has(code))) return;
    findings.push({ code, message, location, suggestion, notes: [] });
  };

  const check = (p: NodePath<t.CallExpression | t.NewExpression | t.OptionalCallExpression>, construct: boolean): void => {
    const calleePath = p.get('callee') as NodePath;
    const raw = nameOf(calleePath);
    if (!raw) return;
    const canonical = canonicalName(raw);
    const rule = construct ? ruleForConstruct(canonical) : ruleForCall(canonical);
    if (!rule) return;
    const args = p.node.arguments;
    const condition = rule.match.when?.[canonical];
    if (condition && !holds(condition, p)) return;
    // A timer that resolves an awaited promise has fired before init (or the hook) goes on.
    if (rule.id === 'SR106' && resolvesAwaitedPromise(p)) return;
    const phase = phaseOf(p);
    if (!phase) return;

    const entropyCache = rule.id === 'SR102' && !hasTrueOption(args[0], 'disableEntropyCache');
    const fill = rule.match.fills?.includes(canonical) ? fillTarget(p) : undefined;
    // A client's method (`pool.query()`, canonically `pg.Pool().query`): the client is what a
    // hook must close, so its variable is where the connection is kept.
    const store = fill ?? (raw.includes('().') ? receiverStore(calleePath) : undefined) ?? storeOf(p, source);
    // With the entropy cache off, a thrown-away UUID is harmless like any other value.
    if ((rule.match.needsStore || (rule.id === 'SR102' && !entropyCache)) && !store.kept) return;
    const renewed =
      (store.binding && effects.renewedBindings.has(store.binding)) ||
      sameProperty(store, effects.renewedProperties) ||
      (store.text?.startsWith('this.') && madeByRenewedInstance(p, effects.renewedClasses));
    // snapshot-restore's lifecycle renews randomUUID()'s entropy cache before the after-restore
    // hooks run, so a UUID renewed there is fresh even from the cache.
    if (renewed) return;
    if ((rule.id === 'SR106' || rule.id === 'SR107') && ((store.binding && effects.touchedBindings.has(store.binding)) || sameProperty(store, effects.touchedProperties))) {
      return;
    }
    if (rule.id === 'SR107' && store.binding) reportedClients.add(store.binding);

    const callText = short(textOf(p.node, source), textOf(p.node.callee, source));
    // What a hook must assign again: the whole expression kept, when it is short and sync.
    const valueText = store.value && store.value !== p.node ? textOf(store.value, source) : undefined;
    const value = valueText && valueText.length <= 80 && !/\bawait\b/.test(valueText) ? valueText : undefined;
    const { message, suggestion } = rule.describe({
      call: callText,
      phase,
      ...(store.text ? { kept: store.text } : {}),
      ...(store.binding ? { declaration: declarationOf(store.binding) } : {}),
      canonical,
      entropyCache,
      ...(fill ? { via: 'fill' as const } : {}),
      ...(value ? { value } : {}),
    });
    report(rule.id as UniquenessCode, p.node, message, suggestion);
  };

  const reportedClients = new Set<Binding>();

  const credential = (node: t.Node, variable: string): void => {
    const { message, suggestion } = ruleOf('SR108').describe({ call: '', phase: 'init', canonical: 'process.env', entropyCache: false, variable });
    report('SR108', node, message, suggestion);
  };

  program.traverse({
    CallExpression(p) {
      check(p, false);
    },
    OptionalCallExpression(p) {
      check(p, false);
    },
    NewExpression(p) {
      check(p, true);
    },
    MemberExpression(p) {
      const variable = propertyName(p.node);
      if (!variable || !CREDENTIAL_VARIABLES.has(variable)) return;
      if (p.parentPath.isAssignmentExpression() && p.parentPath.node.left === p.node) return; // setting it, not reading
      if (canonicalName(nameOf(p.get('object') as NodePath) ?? '') === 'process.env') credential(p.node, variable);
    },
    StringLiteral(p) {
      // `env.get('AWS_ACCESS_KEY_ID')`: a credential variable named to a library whose code reads
      // `process.env[name]` (env-var, config readers); like a direct read, wherever it runs.
      if (!CREDENTIAL_VARIABLES.has(p.node.value)) return;
      const call = p.parentPath;
      if (!call?.isCallExpression() || !call.node.arguments.includes(p.node)) return;
      const packageName = packageOfCallee(call.get('callee') as NodePath);
      if (packageName && libraryFacts(packageName, file)?.env) credential(p.node, p.node.value);
    },
    VariableDeclarator(p) {
      // const { AWS_ACCESS_KEY_ID } = process.env
      const id = p.node.id;
      if (id.type !== 'ObjectPattern' || !p.node.init) return;
      if (canonicalName(nameOf(p.get('init') as NodePath) ?? '') !== 'process.env') return;
      for (const prop of id.properties) {
        if (prop.type !== 'ObjectProperty') continue;
        const key = prop.computed ? stringValue(prop.key) : keyName(prop.key);
        if (key && CREDENTIAL_VARIABLES.has(key)) credential(prop, key);
      }
    },
  });
  credentialsAtInit({
    program,
    phaseOf,
    keptAt: (p) => {
      const store = storeOf(p, source);
      const renewed = (store.binding && effects.renewedBindings.has(store.binding)) || sameProperty(store, effects.renewedProperties);
      return { kept: store.kept, renewed: !!renewed, ...(store.text ? { name: store.text } : {}), ...(store.binding ? { binding: store.binding } : {}) };
    },
    report: (p, kept, binding, what) => {
      const phase = phaseOf(p);
      if (!phase) return;
      const { message, suggestion } = ruleOf('SR108').describe({
        call: short(textOf(p.node, source), textOf((p.node as t.CallExpression).callee, source)),
        phase,
        ...(kept ? { kept } : {}),
        ...(binding ? { declaration: declarationOf(binding) } : {}),
        canonical: 'credentials',
        entropyCache: false,
        resolved: what,
      });
      report('SR108', p.node, message, suggestion);
    },
  });
  initWork({
    program,
    file,
    phaseOf,
    touched: (place, at) => {
      // A before-snapshot hook that opens the client itself (`await client.connect()` in it) does
      // not close it by mentioning it: only the module's other hooks count.
      const own = at ? hookAround(at, effects.beforeSnapshot) : undefined;
      if (place.binding && !place.property) return effects.renewedBindings.has(place.binding) || [...(effects.touchedBindings.get(place.binding) ?? [])].some((h) => h !== own);
      // A field or property: a hook that mentions it under any name its object goes by.
      const objects = place.objects ?? [place.object];
      return effects.touchedProperties.some((e) => e.hook !== own && e.property === place.property && (objects.includes(e.object) || e.object === 'this'));
    },
    reported: reportedClients,
    report: (code, p, client, how) => {
      const phase = phaseOf(p);
      if (!phase) return;
      if (code !== 'SR107') {
        const { message, suggestion } = ruleOf(code).describe({
          call: short(textOf(p.node, source), textOf((p.node as t.CallExpression).callee, source)),
          phase,
          kept: client.name,
          ...(client.binding ? { declaration: declarationOf(client.binding) } : {}),
          canonical: client.made,
          entropyCache: false,
        });
        report(code, p.node, message, suggestion);
        return;
      }
      const receiver = p.isCallExpression() ? (p.node.callee as t.Node) : p.isTaggedTemplateExpression() ? p.node.tag : undefined;
      const method = receiver?.type === 'MemberExpression' ? propertyName(receiver) : undefined;
      const canonical = how === 'awaited' ? `${client.made}().${method ?? 'query'}` : client.made;
      const { message, suggestion } = ruleOf('SR107').describe({
        call: short(textOf(p.node, source), textOf(receiver ?? p.node, source)),
        phase,
        kept: client.name,
        ...(client.binding ? { declaration: declarationOf(client.binding) } : {}),
        canonical,
        entropyCache: false,
      });
      report('SR107', p.node, message, suggestion);
    },
  });
  return findings.sort((a, b) => a.location!.line - b.location!.line || a.location!.column - b.location!.column);
}

/** The registered hook function (of `hooks`) that code at `p` is in. */
function hookAround(p: NodePath, hooks: Set<t.Node>): t.Node | undefined {
  for (let fn = p.getFunctionParent(); fn; fn = fn.parentPath?.getFunctionParent() ?? null) {
    if (hooks.has(fn.node)) return fn.node;
  }
  return undefined;
}

function declarationOf(binding: Binding): 'const' | 'let' | 'var' | 'other' {
  return binding.kind === 'const' || binding.kind === 'let' || binding.kind === 'var' ? binding.kind : 'other';
}

/** Whether an options argument is an object literal with `name: true`. */
function hasTrueOption(arg: t.Node | undefined, name: string): boolean {
  if (arg?.type !== 'ObjectExpression') return false;
  return arg.properties.some((prop) => prop.type === 'ObjectProperty' && !prop.computed && keyName(prop.key) === name && prop.value.type === 'BooleanLiteral' && prop.value.value);
}

/** Whether a call satisfies its rule's condition on the arguments (rules/uniqueness-rule.ts). */
function holds(condition: MatchCondition, p: NodePath<t.CallExpression | t.NewExpression | t.OptionalCallExpression>): boolean {
  const args = p.node.arguments.map((arg) => literalOf(p, arg));
  if (condition.noArguments && args.length > 0) return false;
  if (condition.withArguments && args.length === 0) return false;
  if (condition.withOption && !args.some((arg) => optionOf(arg, condition.withOption!) !== undefined)) return false;
  if (condition.unlessOption && args.some((arg) => hasTrueOption(arg, condition.unlessOption!))) return false;
  if (condition.awaited) {
    let parent = p.parentPath;
    while (parent && (parent.isTSAsExpression() || parent.isParenthesizedExpression() || parent.isTSNonNullExpression())) parent = parent.parentPath;
    const thenCall = parent?.isMemberExpression() && propertyName(parent.node) === 'then';
    if (!parent?.isAwaitExpression() && !thenCall) return false;
  }
  if (condition.keepAliveAgent) {
    const agent = args.map((arg) => optionOf(arg, 'agent')).find((value) => value !== undefined);
    if (agent && !keepsAlive(p, agent, condition.keepAliveAgent)) return false;
  }
  return true;
}

/** An argument as written, or the object literal a constant it names was made from
 *  (`const options = { lazyConnect: true }; new Redis(options)`). */
function literalOf(p: NodePath, arg: t.Node): t.Node {
  if (arg.type !== 'Identifier') return arg;
  const binding = p.scope.getBinding(arg.name);
  const decl = binding?.path;
  if (!binding?.constant || !decl?.isVariableDeclarator()) return arg;
  const init = decl.node.init;
  return init?.type === 'ObjectExpression' ? init : arg;
}

/** Whether an `agent` option denotes a keep-alive agent: one made here by a constructor the table names. */
function keepsAlive(p: NodePath, agent: t.Node, agents: Record<string, 'always' | 'option'>): boolean {
  if (agent.type !== 'Identifier') return false; // agent: false, or something the analysis cannot see
  const decl = p.scope.getBinding(agent.name)?.path;
  if (!decl?.isVariableDeclarator()) return false;
  const init = unwrap(decl.get('init') as NodePath);
  if (!init.isNewExpression()) return false;
  const kind = agents[canonicalName(nameOf(init.get('callee') as NodePath) ?? '')];
  return kind === 'always' || (kind === 'option' && hasTrueOption(init.node.arguments[0], 'keepAlive'));
}

/** The value of `name` in an object-literal argument, or undefined. */
function optionOf(arg: t.Node | undefined, name: string): t.Node | undefined {
  if (arg?.type !== 'ObjectExpression') return undefined;
  for (const prop of arg.properties) {
    if (prop.type === 'ObjectProperty' && !prop.computed && keyName(prop.key) === name) return prop.value;
  }
  return undefined;
}

/** `await new Promise((resolve) => setTimeout(resolve, ms))`: the timer's callback settles a promise that is awaited. */
function resolvesAwaitedPromise(p: NodePath): boolean {
  const fn = p.getFunctionParent();
  const promise = fn?.parentPath;
  if (!promise?.isNewExpression() || promise.node.arguments[0] !== fn!.node) return false;
  // The timer's callback is the executor's `resolve` (or `reject`), or calls it.
  const settlers = (fn!.node as t.Function).params.flatMap((param) => (param.type === 'Identifier' ? [param.name] : []));
  const callback = (p.node as t.CallExpression).arguments[0];
  const settles =
    (callback?.type === 'Identifier' && settlers.includes(callback.name)) ||
    ((callback?.type === 'ArrowFunctionExpression' || callback?.type === 'FunctionExpression') && settlers.some((name) => textCalls(callback.body, name)));
  if (!settles) return false;
  const callee = promise.node.callee;
  if (callee.type !== 'Identifier' || callee.name !== 'Promise' || promise.scope.getBinding('Promise')) return false;
  let parent = promise.parentPath;
  while (parent && (parent.isParenthesizedExpression() || parent.isTSAsExpression())) parent = parent.parentPath;
  return !!parent?.isAwaitExpression();
}

/** Whether a function body calls `name` (`() => resolve()`, `() => { done = true; resolve(); }`). */
function textCalls(body: t.Node, name: string): boolean {
  if (body.type === 'CallExpression') return body.callee.type === 'Identifier' && body.callee.name === name;
  if (body.type !== 'BlockStatement') return false;
  return body.body.some((statement) => statement.type === 'ExpressionStatement' && textCalls(statement.expression, name));
}

/** An in-place fill (`randomFillSync(key)`): the buffer it fills is where the value is kept; a
 *  fresh buffer (`getRandomValues(new Uint8Array(8))`) is kept only if the result is. */
function fillTarget(p: NodePath<t.CallExpression | t.NewExpression | t.OptionalCallExpression>): Store | undefined {
  const arg = p.node.arguments[0];
  if (arg?.type === 'Identifier') {
    const binding = p.scope.getBinding(arg.name);
    return binding ? { kept: true, text: arg.name, binding } : undefined;
  }
  if (arg?.type === 'MemberExpression') {
    const property = propertyName(arg);
    let root: t.Node = arg.object;
    while (root.type === 'MemberExpression') root = root.object;
    const binding = root.type === 'Identifier' ? p.scope.getBinding(root.name) : undefined;
    return { kept: true, ...(binding ? { binding } : {}), ...(property ? { property } : {}) };
  }
  return undefined;
}

/** The variable a method's receiver is kept in (`pool` in `pool.query()`); a receiver made in
 *  the same expression (`createClient().connect()`) is kept where the expression's value is. */
function receiverStore(callee: NodePath): Store | undefined {
  const method = unwrap(callee);
  if (!method.isMemberExpression()) return undefined;
  const object = unwrap(method.get('object') as NodePath);
  if (!object.isIdentifier()) return undefined;
  return { kept: true, text: object.node.name, binding: object.scope.getBinding(object.node.name) };
}

const FILLS = new Set(UNIQUENESS_RULES.flatMap((rule) => (rule as UniquenessRule).match.fills ?? []));

/** The method of this module's class that a call like `Session.#bump()` or `this.renew()` runs (the audit's judge uses it too). */
export function methodOf(p: NodePath<t.CallExpression>): NodePath | undefined {
  const callee = p.node.callee;
  if (callee.type !== 'MemberExpression') return undefined;
  const key = callee.property;
  const name = key.type === 'PrivateName' ? `#${key.id.name}` : !callee.computed && key.type === 'Identifier' ? key.name : undefined;
  if (!name) return undefined;
  // The class: `this` in a class's code (or, for a private name, the class that declares it), or a class named by its binding.
  let owner: NodePath | null | undefined;
  if (callee.object.type === 'Identifier') {
    const decl = p.scope.getBinding(callee.object.name)?.path;
    owner = decl?.isClass() ? decl : undefined;
  } else if (callee.object.type === 'ThisExpression' || key.type === 'PrivateName') {
    owner = p.findParent((parent) => parent.isClass());
  }
  if (!owner) return undefined;
  const body = (owner.get('body') as NodePath<t.ClassBody>).get('body');
  return body.find((member) => {
    const node = member.node;
    if (node.type === 'ClassPrivateMethod') return `#${node.key.id.name}` === name;
    return node.type === 'ClassMethod' && node.kind === 'method' && keyName(node.key) === name;
  });
}

/** A member's property name, private names included (`#seed`), as class fields name them. */
function memberName(member: t.MemberExpression | t.OptionalMemberExpression): string | undefined {
  return member.property.type === 'PrivateName' ? `#${member.property.id.name}` : propertyName(member);
}
