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
import { CONVERSIONS, Places, type Place } from './places.js';
import { libraryFacts, packageNameOf } from '../library/facts.js';
import { type CallEffects, callEffects } from '../library/calls.js';
import { canonicalModule, canonicalName, ruleForCall } from '../rules/uniqueness-match.js';
import { ID_WORDS, SECRET_WORDS, wordsOf } from './name-words.js';

export interface InitWorkContext {
  program: NodePath<t.Program>;
  file: string;
  /** Where code runs before the snapshot, as the uniqueness lint decides it. */
  phaseOf(p: NodePath): 'init' | 'before-snapshot' | undefined;
  /** Whether a hook of the module assigns or mentions the place (other than the before-snapshot
   *  hook that `at`, the work on it, runs in). */
  touched(place: Place, at?: NodePath): boolean;
  /** Client bindings a table rule already reported. */
  reported: Set<Binding>;
  report(code: 'SR107' | 'SR106' | 'SR105' | 'SR104' | 'SR103', node: NodePath, client: Client, how: 'awaited' | 'factory' | 'made'): void;
}

export interface Client {
  /** Where the client is kept (a variable, a field); `binding` when that is a variable. */
  place: Place;
  binding?: Binding;
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

/** Words of names that say a value is a key or a secret made from randomness (a password, a TOTP
 *  seed, a certificate's key): the shared secret words, and what seeds and certificates are called. */
const KEY_WORDS: ReadonlySet<string> = new Set([...SECRET_WORDS, 'seed', 'cert', 'certificate']);

/** Whether an argument is a plain value (a string or number), not options. */
function madeFromValue(args: NodePath[]): boolean {
  return args.some((raw) => {
    const arg = unwrap(raw);
    return arg.isStringLiteral() || arg.isTemplateLiteral() || arg.isNumericLiteral();
  });
}

/** Whether the caller gives the generator its randomness (`{ seed: 42 }`, `{ randomSeed }`): what it
 *  makes from a seed is the same in every environment by design. */
function seeded(args: NodePath[]): boolean {
  return args.some((raw) =>
    (objectArgument(raw)?.get('properties') ?? []).some((prop) => prop.isObjectProperty() && !prop.node.computed && /seed$/i.test(keyName(prop.node.key) ?? '')),
  );
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
function handedClient(args: NodePath[], places: Places): Place | undefined {
  for (const raw of args) {
    const object = objectArgument(raw);
    for (const prop of object?.get('properties') ?? []) {
      if (!prop.isObjectProperty() || prop.node.computed || !HANDED_KEYS.has(keyName(prop.node.key) ?? '')) continue;
      const place = places.of(prop.get('value') as NodePath);
      if (place) return place;
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
    // `process.env.DATABASE_URL ?? 'postgres://...'`, `url ? { host } : undefined`: either value.
    if (arg.isLogicalExpression() && depth < 4) return connectionSettings([arg.get('left'), arg.get('right')], depth + 1);
    if (arg.isConditionalExpression() && depth < 4) return connectionSettings([arg.get('consequent'), arg.get('alternate')], depth + 1);
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
    if (arg.isIdentifier() && depth < 4) {
      // `const options = { host }; new Client(options)`
      const decl = arg.scope.getBinding(arg.node.name)?.path;
      if (decl?.isVariableDeclarator() && decl.node.init) return connectionSettings([decl.get('init') as NodePath], depth + 1);
    }
    return false;
  });
}

/** The kept client a call works on: the nearest place along the member chain of its callee that
 *  holds a client (`pool` in `pool.query()`, `this.cache` in `this.cache.get()`, `db` in
 *  `db.users.find()`, `sql` in `sql\`...\``), with the method name when there is one. */
function receiverOf(callee: NodePath, places: Places, known: (place: Place) => boolean): { place: Place; method?: string } | undefined {
  let p = unwrap(callee);
  let method: string | undefined;
  if (p.isMemberExpression() || p.isOptionalMemberExpression()) {
    method = propertyName(p.node as t.MemberExpression);
    p = unwrap(p.get('object') as NodePath);
  }
  for (;;) {
    const place = places.of(p);
    if (place && known(place)) return { place, ...(method !== undefined ? { method } : {}) };
    if (!p.isMemberExpression() && !p.isOptionalMemberExpression()) return undefined;
    p = unwrap(p.get('object') as NodePath);
  }
}

/** Whether a rule's table already judges the call (`jsonwebtoken.sign` only with `expiresIn`): the table's condition wins over a reading. */
function knownToTable(imported: { specifier: string; path: string[] }): boolean {
  const name = [canonicalModule(imported.specifier), ...imported.path.filter((segment) => segment !== 'default')].join('.');
  return !imported.path.includes('()') && ruleForCall(canonicalName(name)) !== undefined;
}

/** Whether a call's result is not kept: a statement of its own, awaited or given handlers
 *  (`await limiter.consume(ip).catch(() => {})`): what it leaves is in the library's state. */
function resultDropped(call: NodePath): boolean {
  let p: NodePath = call;
  for (;;) {
    const parent = p.parentPath;
    if (!parent) return false;
    if (parent.isExpressionStatement()) return true;
    if (parent.isAwaitExpression() || parent.isParenthesizedExpression() || parent.isTSAsExpression() || parent.isTSNonNullExpression()) p = parent;
    else if (
      parent.isMemberExpression() &&
      parent.node.object === p.node &&
      /^(?:then|catch|finally)$/.test(propertyName(parent.node) ?? '') &&
      parent.parentPath?.isCallExpression()
    )
      p = parent.parentPath;
    else return false;
  }
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
  // `await api.get('settings').json()`: a method of what the call returns, run on it at once (the
  // request's body read): init waits for the call when it waits for that.
  if (parent.isMemberExpression() && parent.node.object === child.node && parent.parentPath?.isCallExpression() && parent.parentPath.node.callee === parent.node)
    return waitedFor(parent.parentPath);
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
  derivedFrom?: Place;
  /** For a derived one, the client whose method made it. */
  parent?: Place;
  awaitedFactory?: NodePath;
  args: NodePath[];
  call: NodePath<t.CallExpression | t.NewExpression>;
};

/** Names of library functions that read a value given to them rather than make one (`createFromHexString`, `fromSeed`, `isValid`, `toUUID`, `parse`). */
const READS_GIVEN = /^(?:parse|decode|from|import|is|validate|verify|to|load|read)(?:[A-Z_].*)?$|From[A-Z]/;

/** The made value a call computes, read through the conversions that keep it (`new ObjectId().toHexString()`). */
function madeCall(p: NodePath): NodePath<t.CallExpression | t.NewExpression> | undefined {
  if (!p.isCallExpression() && !p.isNewExpression()) return undefined;
  if (p.node.callee.type === 'Import' || requireSpecifier(p as NodePath<t.CallExpression>) !== undefined) return undefined;
  const callee = unwrap(p.get('callee') as NodePath);
  // `x.toString()` converts what x is; the conversion is not a making.
  if (callee.isMemberExpression() && CONVERSIONS.test(propertyName(callee.node) ?? '')) return undefined;
  return p as NodePath<t.CallExpression | t.NewExpression>;
}

/** The places that hold values made by a library's constructor or factory, anywhere in the
 *  module (and those made by a method of one: a channel of a connection). Whether each connects
 *  is decided later, and only for those init does work on: reading a library costs a scan of its
 *  files. A place made in several places (init, then a hook) is judged by the making that runs
 *  before the snapshot. */
function findCandidates(program: NodePath<t.Program>, places: Places, phaseOf: (p: NodePath) => unknown): Map<Place, Candidate> {
  const candidates = new Map<Place, Candidate>();
  const makings: Array<{ call: NodePath<t.CallExpression | t.NewExpression>; kept: Place[] }> = [];
  program.traverse({
    'CallExpression|NewExpression'(raw) {
      const call = madeCall(raw);
      if (!call) return;
      const kept = places.keptIn(call);
      if (kept.length > 0) makings.push({ call, kept });
    },
  });
  // In source order, so that a client made from another one finds it; a making before the
  // snapshot wins over one in a hook or the handler.
  makings.sort((a, b) => (a.call.node.start ?? 0) - (b.call.node.start ?? 0));
  const early = makings.filter((m) => phaseOf(m.call));
  for (const { call, kept } of [...early, ...makings.filter((m) => !early.includes(m))]) {
    const awaited = awaitedAtOnce(call);
    const callee = call.get('callee') as NodePath;
    const receiver = receiverOf(callee, places, (place) => candidates.has(place));
    const base = receiver ? candidates.get(receiver.place) : undefined;
    for (const place of kept) {
      if (candidates.has(place)) continue;
      const common = { place, name: place.name, args: call.get('arguments') as NodePath[], call, ...(place.binding && !place.property ? { binding: place.binding } : {}) };
      // A kept library value called with a connection's settings (`const db = pgp(url)`) makes a
      // client of its own: pgp is a factory, each database it makes has its pool.
      if (base && receiver && receiver.method === undefined && connectionSettings(common.args)) {
        candidates.set(place, { ...common, made: nameOf(callee) ?? base.made, packageName: base.packageName });
        continue;
      }
      if (base && receiver && receiver.place !== place) {
        // `const channel = await connection.createChannel()`: part of the connection's client.
        const { awaitedFactory: _factory, binding: _binding, ...rest } = base;
        candidates.set(place, { ...rest, ...common, derivedFrom: base.derivedFrom ?? base.place, parent: receiver.place });
        continue;
      }
      const packageName = packageOfCallee(callee);
      if (!packageName || RETRIES_STALE_SOCKETS.test(packageName)) continue;
      // A wrapper made from a kept client (`const db = drizzle(queryClient)`): work on it runs on
      // that client's connection, so it is part of that client, like a channel.
      const first = call.get('arguments')[0] as NodePath | undefined;
      const wrapped = first?.node ? places.of(first) : undefined;
      const inner = wrapped ? candidates.get(wrapped) : undefined;
      if (inner && wrapped !== place) {
        const { parent: _methodOf, awaitedFactory: _factory, binding: _binding, ...client } = inner;
        candidates.set(place, { ...client, ...common, derivedFrom: inner.derivedFrom ?? inner.place, packageName, made: nameOf(callee) ?? packageName });
        continue;
      }
      candidates.set(place, { ...common, made: nameOf(callee) ?? packageName, packageName, ...(awaited ? { awaitedFactory: call } : {}) });
    }
  }
  return candidates;
}

/** Methods that register listeners or middleware: their callbacks are not a command's answer. */
const LISTENERS =
  /^(?:on|once|off|addListener|removeListener|prependListener|prependOnceListener|addEventListener|removeEventListener|use|pipe|then|catch|finally|map|forEach|filter|reduce)$/;

function lastIsFunction(call: NodePath<t.CallExpression>): boolean {
  const last = call.node.arguments[call.node.arguments.length - 1];
  return last?.type === 'ArrowFunctionExpression' || last?.type === 'FunctionExpression';
}

/** Whether the value kept in a place is a promise someone waits for: `await ready`, `ready.then(...)`. */
function awaitedLater(place: Place, places: Places): boolean {
  const binding = place.binding;
  if (!binding) return false;
  const refs = place.property
    ? binding.referencePaths.map((ref) => ref.parentPath).filter((p): p is NodePath => !!p?.isMemberExpression() && places.of(p) === place)
    : binding.referencePaths;
  return refs.some((ref) => {
    let self: NodePath = ref;
    while (self.parentPath && (self.parentPath.isParenthesizedExpression() || self.parentPath.isTSAsExpression() || self.parentPath.isTSNonNullExpression()))
      self = self.parentPath;
    const parent = self.parentPath;
    if (parent?.isAwaitExpression()) return true;
    return !!parent?.isMemberExpression() && parent.node.object === self.node && /^(?:then|catch|finally)$/.test(propertyName(parent.node) ?? '');
  });
}

/** Whether the module calls `listen` on the value a place holds. */
function listens(place: Place, places: Places): boolean {
  const refs = place.binding ? place.binding.referencePaths : [];
  return refs.some((ref) => {
    const target = place.property ? ref.parentPath : ref;
    if (!target || (place.property && places.of(target) !== place)) return false;
    const member = target.parentPath;
    return !!member?.isMemberExpression() && member.node.object === target.node && propertyName(member.node) === 'listen' && !!member.parentPath?.isCallExpression();
  });
}

/** Whether the module calls the value a place holds (`pgp(...)` for `const pgp = pgPromise()`). */
function calledAsFunction(place: Place): boolean {
  if (!place.binding || place.property) return false;
  return place.binding.referencePaths.some((ref) => {
    const parent = ref.parentPath;
    return !!parent && (parent.isCallExpression() || parent.isTaggedTemplateExpression()) && (parent.isCallExpression() ? parent.node.callee : parent.node.tag) === ref.node;
  });
}

/** Whether init waits for the call's promise where it is made: `await connect(...)`. */
function awaitedAtOnce(call: NodePath): boolean {
  let parent = call.parentPath;
  while (parent && (parent.isParenthesizedExpression() || parent.isTSAsExpression() || parent.isTSNonNullExpression())) parent = parent.parentPath;
  return !!parent?.isAwaitExpression();
}

export function initWork(ctx: InitWorkContext): void {
  const places = new Places();
  const clients = findCandidates(ctx.program, places, ctx.phaseOf);
  const rootOf = (place: Place): Place => clients.get(place)?.derivedFrom ?? place;
  const done = new Set<Place>([...ctx.reported].map((binding) => rootOf(places.ofBinding(binding))));
  const connects = new Map<Place, boolean>();
  const connecting = (root: Place): boolean => {
    const client = clients.get(root)!;
    let known = connects.get(root);
    if (known === undefined) {
      const facts = libraryFacts(client.packageName, ctx.file);
      // A library whose requests are the AWS SDK's (powertools' parameters): the SDK retries a stale socket.
      known = facts?.awsSdk !== true && (connectionSettings(client.args) || facts?.sockets === true);
      // A value whose making makes a server (fastify's factory → http.createServer) serves; work on it
      // (`await app.ready()`) loads plugins and opens no connection.
      const imported = known && !client.derivedFrom ? importOfCallee(client.call.get('callee') as NodePath) : undefined;
      if (imported && callEffects(imported.specifier, ctx.file, imported.path)?.servers) known = false;
      // A value the module makes listen (`app.listen(port)`, `server.listen(0)`) is a server: work on
      // it waits for its own socket to listen, which no peer holds open (the HTTP snapshot
      // platforms require it listening at the snapshot).
      if (known && [...clients.keys()].some((place) => rootOf(place) === root && listens(place, places))) known = false;
      connects.set(root, known);
    }
    return known;
  };
  // Where init closes a client: work before that leaves nothing open.
  const closedAt = new Map<Place, number>();
  const sites: Array<{ path: NodePath; binding: Place; how: 'awaited' | 'factory' | 'made' }> = [];
  const made: Array<{ binding: Place; client: Candidate; code: 'SR104' | 'SR103' | 'SR105' }> = [];
  const methodCalls: Array<{ receiver: Place; call: NodePath<t.CallExpression> }> = [];

  for (const [binding, client] of clients) {
    if (client.awaitedFactory && !client.derivedFrom && ctx.phaseOf(client.awaitedFactory)) sites.push({ path: client.awaitedFactory, binding, how: 'factory' });
  }
  const visit = (p: NodePath, callee: NodePath): void => {
    const receiver = receiverOf(callee, places, (place) => clients.has(place));
    if (!receiver) {
      inline(p, callee);
      return;
    }
    const binding = receiver.place;
    if (!ctx.phaseOf(p)) return;
    const method = receiver.method;
    if (p.isCallExpression() && resultDropped(p)) methodCalls.push({ receiver: binding, call: p });
    if (method !== undefined && CLOSERS.test(method)) {
      const root = rootOf(binding);
      closedAt.set(root, Math.max(closedAt.get(root) ?? 0, p.node.start ?? 0));
      return;
    }
    const waited = waitedFor(p);
    const opens = method !== undefined && OPENERS.test(method);
    // Work init waits for, or a connection started (or its promise kept) without waiting: a
    // promise kept and awaited later (`const ready = client.execute(q)` ... `await ready`), or a
    // command given a callback (`memcached.get(key, (err, v) => ...)`).
    const promiseKept = waited === 'kept' && places.keptIn(p).some((place) => awaitedLater(place, places));
    const commandWithCallback = p.isCallExpression() && p.parentPath?.isExpressionStatement() && method !== undefined && !LISTENERS.test(method) && lastIsFunction(p);
    if (waited === 'awaited' || promiseKept || commandWithCallback || (opens && (waited === 'kept' || p.parentPath?.isExpressionStatement()))) {
      sites.push({ path: p, binding, how: 'awaited' });
    }
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
    const [place] = places.keptIn(p);
    if (place && (ctx.touched(place) || done.has(place))) return;
    if (place) done.add(place);
    const kept = place ?? { key: 'client', name: 'client' };
    ctx.report(
      'SR107',
      p,
      { place: kept, ...(place?.binding && !place.property ? { binding: place.binding } : {}), name: kept.name, made: nameOf(madeCallee) ?? packageName, packageName },
      'awaited',
    );
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
  const pathMemo = new Map<Place, { specifier: string; path: string[] } | undefined>();
  const pathOf = (binding: Place): { specifier: string; path: string[] } | undefined => {
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
  const methodPath = (receiver: Place, callee: NodePath): { specifier: string; path: string[] } | undefined => {
    const member = unwrap(callee);
    // The kept value called itself (`getPlan('free')` for a memoized function): what calling what was made does.
    if (!member.isMemberExpression()) {
      const base = places.of(member) === receiver ? pathOf(receiver) : undefined;
      return base ? { specifier: base.specifier, path: [...base.path, '()'] } : undefined;
    }
    const method = propertyName(member.node);
    const base = pathOf(receiver);
    return base && method !== undefined ? { specifier: base.specifier, path: [...base.path, '()', method] } : undefined;
  };
  /** Whether the value made is a reading of the clock: nothing given (`Instant.now()`), or the
   *  arguments given leave the library no other path than reading it (`totp({ secret })` with no
   *  `time`, `parse(expr)` with no `currentDate`), read strictly: a branch the arguments do not
   *  decide is not taken. */
  const clockKept = (imported: { specifier: string; path: string[] }, call: NodePath, args: NodePath[], effects: CallEffects, now: boolean): boolean => {
    if (now) return effects.clock === true && !effects.random && !effects.sockets && !effects.timers;
    // An object constructed from what is given (`new TZDate(2026, 0, 31)`, `new RateLimiter({ interval })`)
    // keeps the given state; a clock reading in its constructor is a start time among its fields.
    if (!effects.clock || call.isNewExpression()) return false;
    const sure = callEffects(
      imported.specifier,
      ctx.file,
      imported.path,
      args.map((a) => a.node),
      { strict: true },
    );
    return sure?.clock === true && !sure.random && !sure.sockets && !sure.timers && !effects.generator;
  };
  const reportedCalls = new Set<t.Node>();
  const timers: Array<{ path: NodePath; binding: Place; client: Candidate }> = [];
  for (const [binding, client] of clients) {
    if (!ctx.phaseOf(client.call) || reportedCalls.has(client.call.node)) continue;
    const imported = pathOf(binding);
    if (!imported) continue;
    // The names it goes by: the export, where it is kept, the property it is given as (`{ instanceId: uuid() }`), the package.
    const property = client.call.parentPath?.isObjectProperty() && client.call.parentPath.node.value === client.call.node ? keyName(client.call.parentPath.node.key) : undefined;
    const named = [
      ...imported.path.filter((segment) => segment !== '()' && segment !== 'default'),
      client.name,
      ...(property ? [property] : []),
      client.packageName.replace(/^@[^/]+\//, ''),
    ];
    const idLike = named.some((word) => wordsOf(word).some((w) => ID_WORDS.has(w)));
    const keyLike = named.some((word) => wordsOf(word).some((w) => KEY_WORDS.has(w)));
    const derived = client.derivedFrom !== undefined;
    // An awaited factory's sockets are judged above, by the work init waits for.
    const lazy = derived || optedOutOfConnecting(client.args) || client.awaitedFactory !== undefined;
    // A value read from the clock with nothing given (`Instant.now()`, `spacetime.now()`): a timestamp.
    const now = client.args.length === 0 && !derived;
    // The cheap scan first: a library that opens no socket, arms no timer and draws nothing is not read further.
    const facts = libraryFacts(client.packageName, ctx.file);
    // (A socket library's timers are its connection's: only a library that opens none is read for them.)
    if (!facts) continue;
    const wide = (facts.sockets && !lazy) || (facts.timers && !facts.sockets) || ((facts.random || facts.clock) && (idLike || keyLike)) || (facts.clock && now);
    // A library that reads the clock, called with arguments: read only for whether it keeps a reading (SR105).
    const clockOnly = !wide && facts.clock && !derived && !facts.sockets && client.args.length > 0 && !knownToTable(imported);
    if (!wide && !clockOnly) continue;
    const effects = callEffects(
      imported.specifier,
      ctx.file,
      imported.path,
      client.args.map((a) => a.node),
    );
    if (!effects) continue;
    // The same making may be kept in several places (a helper's result kept by each caller).
    const touched = [...clients].some(([place, other]) => other.call === client.call && ctx.touched(place));
    if (clockOnly) {
      if (!touched && clockKept(imported, client.call, client.args, effects, false)) {
        made.push({ binding, client, code: 'SR105' });
        reportedCalls.add(client.call.node);
      }
      continue;
    }
    // A socket library's timers (connect timeouts, keep-alive pings, reconnects) belong to its
    // connection, which SR107 judges; a scheduler's timer is the hazard itself.
    if (effects.timers && !touched && !facts.sockets) {
      timers.push({ path: client.call, binding, client });
      reportedCalls.add(client.call.node);
      continue;
    }
    // A client handed over as `{ connection }` to a library that opens sockets: the library
    // connects it (bullmq's RedisConnection.init → client.connect() for a lazy client).
    const handed = lazy ? undefined : handedClient(client.args, places);
    const takesClient = handed !== undefined && clients.has(handed) && facts.sockets;
    // A value the module calls (`pgp(url)`) is a factory, not a connection: that its library calls a
    // `connect` somewhere says nothing about it.
    const connectsNow = !lazy && (takesClient || effects.sockets || (effects.connects === true && facts.sockets && !calledAsFunction(binding)));
    const method = imported.path[imported.path.length - 1] ?? '';
    // An ID made from a value given (`new ObjectId('64b7...')`, `ObjectId.createFromHexString(id)`) is parsed, not drawn.
    // A value given that the library surely draws with anyway (`hat(32)`: 32 bits) is a size, not an ID to parse.
    const drawnAnyway = (): boolean =>
      callEffects(
        imported.specifier,
        ctx.file,
        imported.path,
        client.args.map((a) => a.node),
        { strict: true },
      )?.random === true;
    // A key given to the call (`new TOTP({ secret: Secret.fromBase32(env) })`): drawn only when the call surely draws.
    const keyGiven =
      keyLike &&
      !idLike &&
      client.args.some((arg) =>
        (objectArgument(arg)?.get('properties') ?? []).some((prop) => prop.isObjectProperty() && wordsOf(keyName(prop.node.key) ?? '').some((w) => KEY_WORDS.has(w))),
      ) &&
      !drawnAnyway();
    const readsGiven = READS_GIVEN.test(method) || (idLike && madeFromValue(client.args) && !drawnAnyway()) || keyGiven || seeded(client.args);
    if (connectsNow) {
      sites.push({ path: client.call, binding, how: 'made' });
      reportedCalls.add(client.call.node);
    }
    // A generator that draws randomness for every ID it makes (cuid2's init()) makes unique IDs
    // whatever it drew at init; one that only counts from what it drew (hyperid) does not.
    else if ((effects.random || (effects.clock && idLike)) && (idLike || keyLike) && !touched && !readsGiven && !effects.generator?.random) {
      made.push({ binding, client, code: keyLike && !idLike ? 'SR103' : 'SR104' });
      reportedCalls.add(client.call.node);
    } else if (!touched && !facts.sockets && !derived && (now || !knownToTable(imported)) && clockKept(imported, client.call, client.args, effects, now)) {
      made.push({ binding, client, code: 'SR105' });
      reportedCalls.add(client.call.node);
    }
  }
  // Methods called at init on a kept library value that arm a timer (`job.start()`).
  for (const { receiver, call } of methodCalls) {
    if (reportedCalls.has(call.node) || ctx.touched(receiver)) continue;
    const client = clients.get(receiver)!;
    const facts = libraryFacts(client.packageName, ctx.file);
    if (!facts?.timers || facts.sockets) continue;
    // Work init waits for on a client that connects is SR107's (sequelize's `await authenticate()`): its timers are the connection's.
    if (!call.parentPath?.isExpressionStatement() && connecting(rootOf(receiver))) continue;
    const imported = methodPath(receiver, call.get('callee') as NodePath);
    // The instance's own making, when it is made here (`new TTLCache({ ttl: Infinity })`): its state decides the method's guards.
    const made = !client.parent && client.call.isNewExpression() ? client.args.map((a) => a.node) : undefined;
    const effects =
      imported &&
      callEffects(
        imported.specifier,
        ctx.file,
        imported.path,
        (call.get('arguments') as NodePath[]).map((a) => a.node),
        made ? { made } : {},
      );
    if (effects?.timers) {
      timers.push({ path: call, binding: receiver, client });
      reportedCalls.add(call.node);
    }
  }
  for (const { path, binding, client } of timers) ctx.report('SR106', path, { ...client, place: binding }, 'made');
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
    const related = [...clients.values()].filter((c) => rootOf(c.place) === root || c.call === site.path);
    if (related.some((c) => ctx.touched(c.place, site.path))) continue;
    if (site.how !== 'made' && !connecting(root)) continue;
    done.add(root);
    ctx.report('SR107', site.path, clients.get(root)!, site.how);
  }
}
