// SR107 by shape, for clients no table names: awaited work at init on a client kept at module
// scope opens its connection before the snapshot. A module-scope value made by a library's
// constructor or factory is a client when the library's own code opens sockets (read from its
// installed files: library/facts.ts) or when it is made from a connection's settings (a `host`,
// a `connectionString`, a `postgres://` URL). Then, at init or in a before-snapshot hook:
// - work on it that init waits for (`await ds.initialize()`, `await pool.query(...)`,
//   `await sql\`select 1\``, `.then(...)`), or that starts a connection without being awaited
//   (`client.connect()`, `const ready = client.connect()`), leaves its socket in the snapshot;
// - so does a client made by an awaited factory (`const nc = await connect({ servers })`).
// One finding per client (the first place), none when a hook of the module touches the client
// (closes or renews it), when init closes it again, or when a table rule already reported it.
// The AWS SDK is left out on purpose: @smithy's retry strategy retries a stale keep-alive
// socket's ECONNRESET/EPIPE (see SR107's table).
import type * as t from '@babel/types';
import type { Binding, NodePath } from '../ast/babel.js';
import { keyName, propertyName, requireSpecifier, stringValue } from './imports.js';
import { nameOf, unwrap } from './names.js';
import { libraryFacts, packageNameOf } from '../library/facts.js';
import { callEffects } from '../library/calls.js';

export interface InitWorkContext {
  program: NodePath<t.Program>;
  file: string;
  /** Where code runs before the snapshot, as the uniqueness lint decides it. */
  phaseOf(p: NodePath): 'init' | 'before-snapshot' | undefined;
  /** Whether a hook of the module assigns or mentions the binding. */
  touched(binding: Binding): boolean;
  /** Client bindings a table rule already reported. */
  reported: Set<Binding>;
  report(code: 'SR107' | 'SR106' | 'SR104' | 'SR103', node: NodePath, client: Client, how: 'awaited' | 'factory' | 'made'): void;
}

export interface Client {
  binding: Binding;
  name: string;
  /** The library's name for what made it, canonically (`typeorm.DataSource`). */
  made: string;
  /** The package that made it. */
  packageName: string;
}

/** Packages whose stale sockets are harmless: the AWS SDK retries ECONNRESET/EPIPE
 *  (@smithy/core/dist-cjs/submodules/retry/index.js, isTransientError). */
const RETRIES_STALE_SOCKETS = /^@(?:aws-sdk|smithy)\//;

/** Option names of a connection's settings. */
const CONNECTION_KEYS = new Set([
  'host',
  'hostname',
  'port',
  'url',
  'uri',
  'connectionString',
  'connectionUri',
  'connection',
  'servers',
  'brokers',
  'nodes',
  'socketPath',
  'database',
  'username',
  'password',
]);
/** A URL with a scheme of a network protocol. */
const CONNECTION_URL = /^[a-z][a-z0-9+.-]*:\/\/[^\s]/i;
/** Environment variables that hold where to connect. */
const CONNECTION_VARIABLE = /(?:^|_)(?:URL|URI|DSN|HOST|ENDPOINT|CONNECTION(?:_STRING)?)$/;

/** Words of names that say a value is an ID, or what IDs are made from. */
const ID_WORDS = new Set(['id', 'ids', 'uid', 'uuid', 'guid', 'ulid', 'cuid', 'ksuid', 'nanoid', 'hyperid', 'objectid', 'snowflake', 'flake', 'shortid', 'xid', 'unique']);
/** Words of names that say a value is a key or what keys are made from. */
const KEY_WORDS = new Set(['key', 'keys', 'keypair', 'secret', 'salt', 'nonce', 'iv']);

/** The lower-case words of a name: `ShortUniqueId` → short, unique, id; `gen_id` → gen, id. */
function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_\-.$]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** Whether an argument is a plain value (a string or number), not options. */
function madeFromValue(args: NodePath[]): boolean {
  return args.some((raw) => {
    const arg = unwrap(raw);
    return arg.isStringLiteral() || arg.isTemplateLiteral() || arg.isNumericLiteral();
  });
}

/** An argument's object literal, also through a constant (`const options = {...}; new X(options)`). */
function objectArgument(raw: NodePath): NodePath<t.ObjectExpression> | undefined {
  const arg = unwrap(raw);
  if (arg.isObjectExpression()) return arg;
  if (!arg.isIdentifier()) return undefined;
  const binding = arg.scope.getBinding(arg.node.name);
  const decl = binding?.path;
  if (!binding?.constant || !decl?.isVariableDeclarator()) return undefined;
  const init = unwrap(decl.get('init') as NodePath);
  return init.isObjectExpression() ? init : undefined;
}

/** The module-scope client handed over as an option a library connects (`new Queue('q', { connection })`). */
function handedClient(args: NodePath[], program: NodePath<t.Program>): Binding | undefined {
  for (const raw of args) {
    const object = objectArgument(raw);
    for (const prop of object?.get('properties') ?? []) {
      if (!prop.isObjectProperty() || prop.node.computed || !HANDED_KEYS.has(keyName(prop.node.key) ?? '')) continue;
      const value = unwrap(prop.get('value') as NodePath);
      if (value.isIdentifier()) {
        const binding = value.scope.getBinding(value.node.name);
        if (binding && program.scope.getBinding(value.node.name) === binding) return binding;
      }
    }
  }
  return undefined;
}

/** Option names under which libraries take a connection they then open (bullmq's and bee-queue's `connection`, bull's `redis`). */
const HANDED_KEYS = new Set(['connection', 'redis']);

/** Options that defer connecting (`lazyConnect: true`, `autoConnect: false`, `manualConnect: true`). */
function optedOutOfConnecting(args: NodePath[]): boolean {
  return args.some((raw) => {
    const arg = objectArgument(raw);
    if (!arg) return false;
    return arg.node.properties.some((prop) => {
      if (prop.type !== 'ObjectProperty' || prop.value.type !== 'BooleanLiteral') return false;
      const key = keyName(prop.key) ?? '';
      return (/^(?:lazy|manual|defer)/i.test(key) && prop.value.value) || (/^auto(?:Connect|Open|Start)$/.test(key) && !prop.value.value);
    });
  });
}

/** Methods that start a connection even when nobody waits for them. */
const OPENERS = /^(?:\$?connect|_connect|open|init|initialize|start|login|authenticate|waitUntilReady|ready|sync|ping)$/;
/** Methods that close one: work on the client after them does not count, and init that ends
 *  with one leaves nothing open. */
const CLOSERS = /^(?:\$?disconnect|close|end|quit|destroy|terminate|shutdown|release)$/;

/** The specifier a callee was imported from and the export path it names: `mqtt.connect` of
 *  `import mqtt from 'mqtt'` is ('mqtt', ['default', 'connect']). */
function importOfCallee(callee: NodePath): { specifier: string; path: string[] } | undefined {
  const members: string[] = [];
  let p = unwrap(callee);
  while (p.isMemberExpression() || p.isOptionalMemberExpression()) {
    const member = propertyName(p.node as t.MemberExpression);
    if (member === undefined) return undefined;
    members.unshift(member);
    p = unwrap(p.get('object') as NodePath);
  }
  if (p.isCallExpression()) {
    const specifier = requireSpecifier(p as NodePath<t.CallExpression>);
    return specifier === undefined ? undefined : { specifier, path: members };
  }
  if (!p.isIdentifier()) return undefined;
  const decl = p.scope.getBinding(p.node.name)?.path;
  if (!decl) return undefined;
  const source = decl.parentPath?.node as t.ImportDeclaration | undefined;
  if (decl.isImportSpecifier()) return { specifier: source!.source.value, path: [keyName(decl.node.imported) ?? p.node.name, ...members] };
  if (decl.isImportDefaultSpecifier()) return { specifier: source!.source.value, path: ['default', ...members] };
  if (decl.isImportNamespaceSpecifier()) return { specifier: source!.source.value, path: members };
  if (decl.isVariableDeclarator()) {
    const init = decl.get('init') as NodePath;
    const specifier = init.node && init.isCallExpression() ? requireSpecifier(init as NodePath<t.CallExpression>) : undefined;
    if (specifier === undefined) return undefined;
    if (decl.node.id.type === 'Identifier') return { specifier, path: members };
    // const { connect } = require('mqtt')
    if (decl.node.id.type === 'ObjectPattern') {
      for (const prop of decl.node.id.properties) {
        if (prop.type === 'ObjectProperty' && prop.value.type === 'Identifier' && prop.value.name === p.node.name) {
          const key = keyName(prop.key);
          return key ? { specifier, path: [key, ...members] } : undefined;
        }
      }
    }
  }
  return undefined;
}

/** The package a callee was imported from (`import { Queue } from 'bullmq'`, `require('mqtt')`). */
export function packageOfCallee(callee: NodePath): string | undefined {
  let p = unwrap(callee);
  while (p.isMemberExpression() || p.isOptionalMemberExpression()) p = unwrap(p.get('object') as NodePath);
  if (p.isCallExpression()) {
    const specifier = requireSpecifier(p as NodePath<t.CallExpression>);
    return specifier === undefined ? undefined : packageNameOf(specifier);
  }
  if (!p.isIdentifier()) return undefined;
  const decl = p.scope.getBinding(p.node.name)?.path;
  if (!decl) return undefined;
  if (decl.isImportSpecifier() || decl.isImportDefaultSpecifier() || decl.isImportNamespaceSpecifier()) {
    const declaration = decl.parentPath.node as t.ImportDeclaration;
    return declaration.importKind === 'type' ? undefined : packageNameOf(declaration.source.value);
  }
  if (decl.isVariableDeclarator()) {
    let init = decl.get('init') as NodePath;
    if (!init.node) return undefined;
    init = unwrap(init);
    if (init.isAwaitExpression()) init = unwrap(init.get('argument') as NodePath);
    while (init.isMemberExpression()) init = unwrap(init.get('object') as NodePath);
    if (init.isCallExpression()) {
      const specifier = requireSpecifier(init as NodePath<t.CallExpression>) ?? (init.node.callee.type === 'Import' ? stringValue(init.node.arguments[0]) : undefined);
      return specifier === undefined ? undefined : packageNameOf(specifier);
    }
  }
  return undefined;
}

/** Whether the arguments are a connection's settings: an options object with a connection key,
 *  a URL with a scheme, or an environment variable named like one. */
function connectionSettings(args: NodePath[], depth = 0): boolean {
  return args.some((raw) => {
    const arg = unwrap(raw);
    if (arg.isObjectExpression()) {
      return arg.node.properties.some((prop) => prop.type === 'ObjectProperty' && !prop.computed && CONNECTION_KEYS.has(keyName(prop.key) ?? ''));
    }
    const text = stringValue(arg.node);
    if (text !== undefined) return CONNECTION_URL.test(text);
    if (arg.isTemplateLiteral()) return CONNECTION_URL.test(arg.node.quasis[0]?.value.cooked ?? '');
    if (arg.isMemberExpression() || arg.isOptionalMemberExpression()) {
      const object = arg.node.object;
      const isEnv = object.type === 'MemberExpression' && object.object.type === 'Identifier' && object.object.name === 'process' && propertyName(object) === 'env';
      return isEnv && CONNECTION_VARIABLE.test(propertyName(arg.node) ?? '');
    }
    if (arg.isIdentifier() && depth < 2) {
      // `const options = { host }; new Client(options)`
      const decl = arg.scope.getBinding(arg.node.name)?.path;
      if (decl?.isVariableDeclarator() && decl.node.init) return connectionSettings([decl.get('init') as NodePath], depth + 1);
    }
    return false;
  });
}

/** The value a module-scope binding is made from, when a call made it: the call and whether it was awaited. */
function madeBy(binding: Binding): { call: NodePath<t.CallExpression | t.NewExpression>; awaited: boolean } | undefined {
  const decl = binding.path;
  if (!decl.isVariableDeclarator() || !['Identifier', 'ObjectPattern', 'ArrayPattern'].includes(decl.node.id.type)) return undefined;
  let value = decl.get('init') as NodePath;
  if (!value.node) {
    // `let db; ... db = new Client()` at init: the first assignment.
    const first = binding.constantViolations.find((v) => v.isAssignmentExpression() && v.node.operator === '=');
    if (!first) return undefined;
    value = first.get('right') as NodePath;
  }
  value = derivedValue(unwrap(value));
  const awaited = value.isAwaitExpression();
  if (awaited) value = derivedValue(unwrap(value.get('argument') as NodePath));
  if (!value.isCallExpression() && !value.isNewExpression()) return undefined;
  if (value.node.callee.type === 'Import' || requireSpecifier(value as NodePath<t.CallExpression>) !== undefined) return undefined;
  return { call: value as NodePath<t.CallExpression | t.NewExpression>, awaited };
}

/** Conversions of a made value that keep what it is: `KSUID.randomSync().string`, `ObjectId.generate().toString('hex')`. */
const CONVERSIONS = /^(?:string|toString|toHex|toHexString|toJSON|toISOString|valueOf|toBuffer|toBase64)$/;

/** The call a kept value is read from, through such conversions. */
function derivedValue(value: NodePath): NodePath {
  let p = value;
  for (let i = 0; i < 4; i++) {
    const member = p.isCallExpression() ? unwrap(p.get('callee') as NodePath) : p;
    if (!member.isMemberExpression() || !CONVERSIONS.test(propertyName(member.node) ?? '')) return p;
    const object = unwrap(member.get('object') as NodePath);
    if (!object.isCallExpression() && !object.isNewExpression() && !object.isAwaitExpression()) return p;
    p = object.isAwaitExpression() ? unwrap(object.get('argument') as NodePath) : object;
  }
  return p;
}

/** The identifier a member chain, a call of it or a tagged template starts from (`pool` in
 *  `pool.query()`, `db.users.find()`, `sql\`...\``), with the method name when there is one. */
function receiverOf(callee: NodePath): { root: NodePath<t.Identifier>; method?: string } | undefined {
  let p = unwrap(callee);
  let method: string | undefined;
  if (p.isMemberExpression() || p.isOptionalMemberExpression()) method = propertyName(p.node as t.MemberExpression);
  while (p.isMemberExpression() || p.isOptionalMemberExpression()) p = unwrap(p.get('object') as NodePath);
  return p.isIdentifier() ? { root: p, ...(method !== undefined ? { method } : {}) } : undefined;
}

/** Whether init waits for the promise `p` makes, or keeps it: `await p`, `p.then(...)`, `const ready = p`. */
function waitedFor(p: NodePath): 'awaited' | 'kept' | undefined {
  let child: NodePath = p;
  let parent = p.parentPath;
  while (parent && (parent.isParenthesizedExpression() || parent.isTSAsExpression() || parent.isTSNonNullExpression() || parent.isArrayExpression())) {
    child = parent;
    parent = parent.parentPath;
  }
  if (!parent) return undefined;
  if (parent.isAwaitExpression()) return 'awaited';
  if (parent.isMemberExpression() && parent.node.object === child.node && ['then', 'catch', 'finally'].includes(propertyName(parent.node) ?? '')) return 'awaited';
  // `await Promise.all([a.query(), b.query()])`
  if (
    parent.isCallExpression() &&
    parent.node.callee.type === 'MemberExpression' &&
    parent.node.callee.object.type === 'Identifier' &&
    parent.node.callee.object.name === 'Promise'
  ) {
    return waitedFor(parent) ?? 'kept';
  }
  if (parent.isVariableDeclarator() || parent.isAssignmentExpression()) return 'kept';
  return undefined;
}

type Candidate = Client & {
  derivedFrom?: Binding;
  /** For a derived one, the client whose method made it. */
  parent?: Binding;
  awaitedFactory?: NodePath;
  args: NodePath[];
  call: NodePath<t.CallExpression | t.NewExpression>;
};

/** Names of library functions that read a value given to them rather than make one (`createFromHexString`, `fromSeed`, `isValid`, `toUUID`, `parse`). */
const READS_GIVEN = /^(?:parse|decode|from|import|is|validate|verify|to|load|read)(?:[A-Z_].*)?$|From[A-Z]/;

/** The module-scope bindings made by a library's constructor or factory (and those made by a
 *  method of one: a channel of a connection). Whether each connects is decided later, and only
 *  for those init does work on: reading a library costs a scan of its files. */
function findCandidates(program: NodePath<t.Program>): Map<Binding, Candidate> {
  const candidates = new Map<Binding, Candidate>();
  const bindings = Object.values(program.scope.bindings).filter((b) => b.kind === 'const' || b.kind === 'let' || b.kind === 'var');
  // In source order, so that a client made from another one finds it.
  bindings.sort((a, b) => (a.path.node.start ?? 0) - (b.path.node.start ?? 0));
  for (const binding of bindings) {
    const made = madeBy(binding);
    if (!made) continue;
    const callee = made.call.get('callee') as NodePath;
    const receiver = receiverOf(callee);
    const parent = receiver ? program.scope.getBinding(receiver.root.node.name) : undefined;
    const base = parent ? candidates.get(parent) : undefined;
    if (base) {
      // `const channel = await connection.createChannel()`: part of the connection's client.
      candidates.set(binding, {
        ...base,
        binding,
        name: binding.identifier.name,
        derivedFrom: base.derivedFrom ?? base.binding,
        parent: parent!,
        args: made.call.get('arguments') as NodePath[],
        call: made.call,
      });
      continue;
    }
    const packageName = packageOfCallee(callee);
    if (!packageName || RETRIES_STALE_SOCKETS.test(packageName)) continue;
    // A wrapper made from a kept client (`const db = drizzle(queryClient)`): work on it runs on
    // that client's connection, so it is part of that client, like a channel.
    const first = made.call.node.arguments[0];
    const wrapped = first?.type === 'Identifier' ? program.scope.getBinding(first.name) : undefined;
    const inner = wrapped ? candidates.get(wrapped) : undefined;
    if (inner && wrapped !== binding) {
      const { parent: _methodOf, awaitedFactory: _factory, ...client } = inner;
      candidates.set(binding, {
        ...client,
        ...inner,
        binding,
        name: binding.identifier.name,
        derivedFrom: inner.derivedFrom ?? inner.binding,
        packageName,
        made: nameOf(callee) ?? packageName,
        args: made.call.get('arguments') as NodePath[],
        call: made.call,
      });
      continue;
    }
    candidates.set(binding, {
      binding,
      name: binding.identifier.name,
      made: nameOf(callee) ?? packageName,
      packageName,
      args: made.call.get('arguments') as NodePath[],
      call: made.call,
      ...(made.awaited ? { awaitedFactory: made.call } : {}),
    });
  }
  return candidates;
}

export function initWork(ctx: InitWorkContext): void {
  const clients = findCandidates(ctx.program);
  const rootOf = (binding: Binding): Binding => clients.get(binding)?.derivedFrom ?? binding;
  const done = new Set<Binding>([...ctx.reported].map(rootOf));
  const connects = new Map<Binding, boolean>();
  const connecting = (root: Binding): boolean => {
    const client = clients.get(root)!;
    let known = connects.get(root);
    if (known === undefined) {
      known = connectionSettings(client.args) || libraryFacts(client.packageName, ctx.file)?.sockets === true;
      // A value whose making makes a server (fastify's factory → http.createServer) serves; work on it
      // (`await app.ready()`) loads plugins and opens no connection.
      const imported = known && !client.derivedFrom ? importOfCallee(client.call.get('callee') as NodePath) : undefined;
      if (imported && callEffects(imported.specifier, ctx.file, imported.path)?.servers) known = false;
      connects.set(root, known);
    }
    return known;
  };
  // Where init closes a client: work before that leaves nothing open.
  const closedAt = new Map<Binding, number>();
  const sites: Array<{ path: NodePath; binding: Binding; how: 'awaited' | 'factory' | 'made' }> = [];
  const made: Array<{ binding: Binding; client: Candidate; code: 'SR104' | 'SR103' }> = [];
  const methodCalls: Array<{ receiver: Binding; call: NodePath<t.CallExpression> }> = [];

  for (const [binding, client] of clients) {
    if (client.awaitedFactory && !client.derivedFrom && ctx.phaseOf(client.awaitedFactory)) sites.push({ path: client.awaitedFactory, binding, how: 'factory' });
  }
  const visit = (p: NodePath, callee: NodePath): void => {
    const receiver = receiverOf(callee);
    if (!receiver) {
      inline(p, callee);
      return;
    }
    const binding = p.scope.getBinding(receiver.root.node.name);
    if (!binding || !clients.has(binding) || !ctx.phaseOf(p)) return;
    const method = receiver.method;
    if (method !== undefined && p.isCallExpression() && p.parentPath?.isExpressionStatement()) methodCalls.push({ receiver: binding, call: p });
    if (method !== undefined && CLOSERS.test(method)) {
      const root = rootOf(binding);
      closedAt.set(root, Math.max(closedAt.get(root) ?? 0, p.node.start ?? 0));
      return;
    }
    const waited = waitedFor(p);
    const opens = method !== undefined && OPENERS.test(method);
    // Work init waits for, or a connection started (or its promise kept) without waiting.
    if (waited === 'awaited' || (opens && (waited === 'kept' || p.parentPath?.isExpressionStatement()))) sites.push({ path: p, binding, how: 'awaited' });
  };
  // Work init waits for on a client made in the same expression: `await new DataSource({...}).initialize()`.
  const inline = (p: NodePath, callee: NodePath): void => {
    const member = unwrap(callee);
    if (!member.isMemberExpression()) return;
    const method = propertyName(member.node);
    const made = unwrap(member.get('object') as NodePath);
    if (!made.isNewExpression() && !made.isCallExpression()) return;
    if (made.node.callee.type === 'Import' || requireSpecifier(made as NodePath<t.CallExpression>) !== undefined) return;
    if (method === undefined || CLOSERS.test(method) || waitedFor(p) !== 'awaited' || !ctx.phaseOf(p)) return;
    const madeCallee = made.get('callee') as NodePath;
    const packageName = packageOfCallee(madeCallee);
    if (!packageName || RETRIES_STALE_SOCKETS.test(packageName)) return;
    const args = made.get('arguments') as NodePath[];
    if (!connectionSettings(args) && libraryFacts(packageName, ctx.file)?.sockets !== true) return;
    const store = p.findParent((parent) => parent.isVariableDeclarator());
    const name = store?.isVariableDeclarator() && store.node.id.type === 'Identifier' ? store.node.id.name : 'client';
    const binding = store?.isVariableDeclarator() && store.node.id.type === 'Identifier' ? store.scope.getBinding(store.node.id.name) : undefined;
    if (binding && (ctx.touched(binding) || done.has(binding))) return;
    if (binding) done.add(binding);
    ctx.report('SR107', p, { binding: binding ?? ({ kind: 'const' } as Binding), name, made: nameOf(madeCallee) ?? packageName, packageName }, 'awaited');
  };
  ctx.program.traverse({
    CallExpression(p) {
      visit(p, p.get('callee') as NodePath);
    },
    TaggedTemplateExpression(p) {
      visit(p, p.get('tag') as NodePath);
    },
  });

  // What the library does when the value is made: a constructor or factory that connects, that
  // arms a timer, or that draws the randomness (or reads the clock) an ID generator or a key is
  // made from (read in its code). A value made by a method of a kept library value
  // (`snowflake.generate()`, `later.start()`) is read as that method of the instance.
  const pathMemo = new Map<Binding, { specifier: string; path: string[] } | undefined>();
  const pathOf = (binding: Binding): { specifier: string; path: string[] } | undefined => {
    if (pathMemo.has(binding)) return pathMemo.get(binding);
    pathMemo.set(binding, undefined);
    const client = clients.get(binding);
    let found: { specifier: string; path: string[] } | undefined;
    if (client && !client.parent) found = importOfCallee(client.call.get('callee') as NodePath);
    else if (client?.parent) found = methodPath(client.parent, client.call.get('callee') as NodePath);
    pathMemo.set(binding, found);
    return found;
  };
  /** `later.start` on a kept `new CronJob(...)`: the path of the instance's method. */
  const methodPath = (receiver: Binding, callee: NodePath): { specifier: string; path: string[] } | undefined => {
    const member = unwrap(callee);
    if (!member.isMemberExpression() || !unwrap(member.get('object') as NodePath).isIdentifier()) return undefined;
    const method = propertyName(member.node);
    const base = pathOf(receiver);
    return base && method !== undefined ? { specifier: base.specifier, path: [...base.path, '()', method] } : undefined;
  };
  const reportedCalls = new Set<t.Node>();
  const timers: Array<{ path: NodePath; binding: Binding; client: Candidate }> = [];
  for (const [binding, client] of clients) {
    if (!ctx.phaseOf(client.call) || reportedCalls.has(client.call.node)) continue;
    const imported = pathOf(binding);
    if (!imported) continue;
    const named = [...imported.path.filter((segment) => segment !== '()' && segment !== 'default'), client.name, client.packageName.replace(/^@[^/]+\//, '')];
    const idLike = named.some((word) => wordsOf(word).some((w) => ID_WORDS.has(w)));
    const keyLike = named.some((word) => wordsOf(word).some((w) => KEY_WORDS.has(w)));
    const derived = client.derivedFrom !== undefined;
    // An awaited factory's sockets are judged above, by the work init waits for.
    const lazy = derived || optedOutOfConnecting(client.args) || client.awaitedFactory !== undefined;
    // The cheap scan first: a library that opens no socket, arms no timer and draws nothing is not read further.
    const facts = libraryFacts(client.packageName, ctx.file);
    // (A socket library's timers are its connection's: only a library that opens none is read for them.)
    if (!facts || !((facts.sockets && !lazy) || (facts.timers && !facts.sockets) || ((facts.random || facts.clock) && (idLike || keyLike)))) continue;
    const effects = callEffects(
      imported.specifier,
      ctx.file,
      imported.path,
      client.args.map((a) => a.node),
    );
    if (!effects) continue;
    const touched = ctx.touched(binding);
    // A socket library's timers (connect timeouts, keep-alive pings, reconnects) belong to its
    // connection, which SR107 judges; a scheduler's timer is the hazard itself.
    if (effects.timers && !touched && !facts.sockets) {
      timers.push({ path: client.call, binding, client });
      reportedCalls.add(client.call.node);
      continue;
    }
    // A client handed over as `{ connection }` to a library that opens sockets: the library
    // connects it (bullmq's RedisConnection.init → client.connect() for a lazy client).
    const handed = lazy ? undefined : handedClient(client.args, ctx.program);
    const takesClient = handed !== undefined && clients.has(handed) && facts.sockets;
    const connectsNow = !lazy && (takesClient || effects.sockets || (effects.connects === true && facts.sockets));
    const method = imported.path[imported.path.length - 1] ?? '';
    // An ID made from a value given (`new ObjectId('64b7...')`, `ObjectId.createFromHexString(id)`) is parsed, not drawn.
    const readsGiven = READS_GIVEN.test(method) || (idLike && madeFromValue(client.args));
    if (connectsNow) sites.push({ path: client.call, binding, how: 'made' });
    // A generator that draws randomness for every ID it makes (cuid2's init()) makes unique IDs
    // whatever it drew at init; one that only counts from what it drew (hyperid) does not.
    else if ((effects.random || (effects.clock && idLike)) && (idLike || keyLike) && !touched && !readsGiven && !effects.generator?.random) {
      made.push({ binding, client, code: keyLike && !idLike ? 'SR103' : 'SR104' });
      reportedCalls.add(client.call.node);
    }
  }
  // Methods called at init on a kept library value that arm a timer (`job.start()`).
  for (const { receiver, call } of methodCalls) {
    if (reportedCalls.has(call.node) || ctx.touched(receiver)) continue;
    const client = clients.get(receiver)!;
    const facts = libraryFacts(client.packageName, ctx.file);
    if (!facts?.timers || facts.sockets) continue;
    const imported = methodPath(receiver, call.get('callee') as NodePath);
    const effects =
      imported &&
      callEffects(
        imported.specifier,
        ctx.file,
        imported.path,
        (call.get('arguments') as NodePath[]).map((a) => a.node),
      );
    if (effects?.timers) {
      timers.push({ path: call, binding: receiver, client });
      reportedCalls.add(call.node);
    }
  }
  for (const { path, binding, client } of timers) ctx.report('SR106', path, { ...client, binding }, 'made');
  for (const { binding, client, code } of made) {
    if (done.has(binding)) continue;
    done.add(binding);
    ctx.report(code, client.call, client, 'made');
  }

  sites.sort((a, b) => (a.path.node.start ?? 0) - (b.path.node.start ?? 0));
  for (const site of sites) {
    const root = rootOf(site.binding);
    if (done.has(root)) continue;
    if ((closedAt.get(root) ?? -1) > (site.path.node.start ?? 0)) continue;
    const related = [...clients.values()].filter((c) => rootOf(c.binding) === root);
    if (related.some((c) => ctx.touched(c.binding))) continue;
    if (site.how !== 'made' && !connecting(root)) continue;
    done.add(root);
    ctx.report('SR107', site.path, clients.get(root)!, site.how);
  }
}
