// What runs before the snapshot, by shape: every hazard the uniqueness lint knows is placed
// behind every shape of code that runs at init (helpers, transitively; IIFEs; promise callbacks;
// one-time listeners; class fields, constructors, static blocks and methods of instances made at
// load; object methods; memoised getters; wrapper factories; before-snapshot hooks) and behind
// shapes that run only later (the handler, helpers only it calls, classes only it constructs,
// after-restore hooks, exit listeners). Generated: each (hazard, shape) pair is one module, and the
// finding must be on the hazard's line exactly when the shape runs before the snapshot.
import { describe, expect, it } from 'vitest';
import { lintUniqueness } from '../../plugin/core/index.js';

interface Hazard {
  code: string;
  imports: string;
  /** The expression that makes the hazard, when one expression does. */
  expr?: string;
  /** Statements that make it and keep it in `v` (the hazard's line marked with `//H`). */
  stmt: string;
}

const HAZARDS: Record<string, Hazard> = {
  random: { code: 'SR101', imports: '', expr: 'Math.random()', stmt: 'v = Math.random(); //H' },
  uuid: { code: 'SR102', imports: "import { randomUUID } from 'node:crypto';\n", expr: 'randomUUID()', stmt: 'v = randomUUID(); //H' },
  clock: { code: 'SR105', imports: '', expr: 'Date.now()', stmt: 'v = Date.now(); //H' },
  timer: { code: 'SR106', imports: '', expr: 'setInterval(() => undefined, 60_000)', stmt: 'v = setInterval(() => undefined, 60_000); //H' },
  // A table's client (ioredis connects in its constructor).
  redis: { code: 'SR107', imports: "import Redis from 'ioredis';\n", expr: "new Redis('redis://cache.internal:6379')", stmt: "v = new Redis('redis://cache.internal:6379'); //H" },
  // No table: awaited work on a client made from a connection's settings.
  orm: {
    code: 'SR107',
    imports: "import { DataSource } from 'typeorm';\n",
    stmt: "v = new DataSource({ type: 'postgres', host: 'db.internal' });\nawait v.initialize(); //H",
  },
};

const HOOKS = "import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';\n";
const HANDLER = 'export const handler = async () => String(v);\n';

/** A shape: the module around the hazard. `expr` shapes need a hazard made by one expression. */
interface Shape {
  before: boolean;
  expr?: boolean;
  make(h: Hazard): string;
}

const indent = (text: string, by = '  ') =>
  text
    .split('\n')
    .map((line) => by + line)
    .join('\n');

const SHAPES: Record<string, Shape> = {
  'module top level': { before: true, make: (h) => `let v;\n${h.stmt}\n${HANDLER}` },
  'a helper init calls': { before: true, make: (h) => `let v;\nasync function setup() {\n${indent(h.stmt)}\n}\nsetup();\n${HANDLER}` },
  'a helper init calls through another': {
    before: true,
    make: (h) => `let v;\nasync function open() {\n${indent(h.stmt)}\n}\nasync function boot() {\n  await open();\n}\nawait boot();\n${HANDLER}`,
  },
  'an async IIFE': { before: true, make: (h) => `let v;\n(async () => {\n  await null;\n${indent(h.stmt)}\n})();\n${HANDLER}` },
  'a .then() callback of a promise made at init': { before: true, make: (h) => `let v;\nPromise.resolve().then(async () => {\n${indent(h.stmt)}\n});\n${HANDLER}` },
  'a .finally() callback': { before: true, make: (h) => `let v;\nconst load = async () => 1;\nload().finally(async () => {\n${indent(h.stmt)}\n});\n${HANDLER}` },
  'a promise executor': { before: true, make: (h) => `let v;\nawait new Promise(async (resolve) => {\n${indent(h.stmt)}\n  resolve(v);\n});\n${HANDLER}` },
  'a once() listener registered at init': {
    before: true,
    make: (h) =>
      `import { EventEmitter } from 'node:events';\nlet v;\nconst bus = new EventEmitter();\nbus.once('ready', async () => {\n${indent(h.stmt)}\n});\nbus.emit('ready');\n${HANDLER}`,
  },
  'an instance field of a class constructed at load': {
    before: true,
    expr: true,
    make: (h) => `class Service {\n  v = ${h.expr}; //H\n}\nexport const service = new Service();\nexport const handler = async () => String(service.v);\n`,
  },
  'a static field': { before: true, expr: true, make: (h) => `class Service {\n  static v = ${h.expr}; //H\n}\nexport const handler = async () => String(Service.v);\n` },
  'a constructor of a class constructed at load': {
    before: true,
    expr: true,
    make: (h) =>
      `class Service {\n  constructor() {\n    this.v = ${h.expr}; //H\n  }\n}\nexport const service = new Service();\nexport const handler = async () => String(service.v);\n`,
  },
  'a static block': { before: true, make: (h) => `let v;\nclass Service {\n  static {\n${indent(h.stmt.replace(/await /g, ''), '    ')}\n  }\n}\n${HANDLER}` },
  'an instance method called at init': {
    before: true,
    make: (h) => `let v;\nclass Service {\n  async load() {\n${indent(h.stmt, '    ')}\n  }\n}\nconst service = new Service();\nawait service.load();\n${HANDLER}`,
  },
  'a method called through this at init': {
    before: true,
    make: (h) =>
      `let v;\nclass Service {\n  constructor() {\n    this.load();\n  }\n  async load() {\n${indent(h.stmt, '    ')}\n  }\n}\nexport const service = new Service();\n${HANDLER}`,
  },
  'an object method called at init': { before: true, make: (h) => `let v;\nconst svc = {\n  async start() {\n${indent(h.stmt, '    ')}\n  },\n};\nawait svc.start();\n${HANDLER}` },
  'a memoised getter init calls': {
    before: true,
    expr: true,
    make: (h) => `let v;\nfunction get() {\n  v ??= ${h.expr}; //H\n  return v;\n}\nget();\n${HANDLER}`,
  },
  'a wrapper factory that makes the handler': {
    before: true,
    make: (h) =>
      `function withThing(fn) {\n  let v;\n  const ready = (async () => {\n${indent(h.stmt, '    ')}\n  })();\n  return async (event) => fn(event, await ready, v);\n}\nexport const handler = withThing(async () => 1);\n`,
  },
  'a before-snapshot hook': { before: true, make: (h) => `${HOOKS}let v;\nregisterBeforeSnapshot(async () => {\n${indent(h.stmt)}\n});\n${HANDLER}` },
  // Later than the snapshot:
  'the handler': { before: false, make: (h) => `export const handler = async () => {\n  let v;\n${indent(h.stmt)}\n  return String(v);\n};\n` },
  'a helper only the handler calls': {
    before: false,
    make: (h) => `let v;\nasync function setup() {\n${indent(h.stmt)}\n}\nexport const handler = async () => {\n  await setup();\n  return String(v);\n};\n`,
  },
  'a class only the handler constructs': {
    before: false,
    expr: true,
    make: (h) => `class Service {\n  v = ${h.expr}; //H\n}\nexport const handler = async () => String(new Service().v);\n`,
  },
  'an instance method only the handler calls': {
    before: false,
    make: (h) =>
      `let v;\nclass Service {\n  async load() {\n${indent(h.stmt, '    ')}\n  }\n}\nconst service = new Service();\nexport const handler = async () => {\n  await service.load();\n  return String(v);\n};\n`,
  },
  'a .then() callback in the handler': {
    before: false,
    make: (h) => `let v;\nexport const handler = async () => {\n  await Promise.resolve().then(async () => {\n${indent(h.stmt, '    ')}\n  });\n  return String(v);\n};\n`,
  },
  'an after-restore hook': { before: false, make: (h) => `${HOOKS}let v;\nregisterAfterRestore(async () => {\n${indent(h.stmt)}\n});\n${HANDLER}` },
  'an exit listener': { before: false, make: (h) => `let v;\nprocess.once('beforeExit', async () => {\n${indent(h.stmt)}\n});\n${HANDLER}` },
  'a wrapper factory, in the function it returns': {
    before: false,
    make: (h) =>
      `function withThing(fn) {\n  return async (event) => {\n    let v;\n${indent(h.stmt, '    ')}\n    return fn(event, v);\n  };\n}\nexport const handler = withThing(async () => 1);\n`,
  },
};

function hazardLine(source: string): number {
  const index = source.split('\n').findIndex((line) => line.includes('//H'));
  if (index < 0) throw new Error(`no hazard line in:\n${source}`);
  return index + 1;
}

const cases = Object.entries(SHAPES).flatMap(([shapeName, shape]) =>
  Object.entries(HAZARDS)
    .filter(([, hazard]) => !shape.expr || hazard.expr !== undefined)
    .map(([hazardName, hazard]) => {
      const source = hazard.imports + shape.make(hazard);
      return { shapeName, hazardName, shape, hazard, source, line: hazardLine(source) };
    }),
);

describe('what runs before the snapshot, by shape', () => {
  it('generates every hazard behind every shape', () => {
    expect(cases.length).toBeGreaterThan(100);
  });
  it.each(cases.map((c) => [`${c.hazardName} (${c.hazard.code}) in ${c.shapeName}`, c] as const))('%s', (_name, c) => {
    const found = lintUniqueness(c.source, '/src/handler.ts').map((f) => `${f.code}:${f.location!.line}`);
    const expected = c.shape.before ? [`${c.hazard.code}:${c.line}`] : [];
    expect(found, c.source).toEqual(expected);
  });
});

describe('values keep their hazard where they flow', () => {
  const lint = (source: string) => lintUniqueness(source, '/src/handler.ts').map((f) => `${f.code}:${f.location!.line}`);
  it('awaited work at init on a client kept in a class field, a collection or a destructured result is a connection open at the snapshot', () => {
    const orm = "import { DataSource } from 'typeorm';\n";
    expect(
      lint(
        `${orm}class Db {\n  static ds = new DataSource({ host: 'db.internal' });\n  static {\n    Db.ready = Db.ds.initialize();\n  }\n}\nexport const handler = async () => Db.ready;`,
      ),
    ).toEqual(['SR107:5']);
    expect(lint(`${orm}const pools = new Map();\npools.set('main', new DataSource({ host: 'db.internal' }));\nawait pools.get('main').initialize();`)).toEqual(['SR107:4']);
    expect(lint(`${orm}function make() {\n  return new DataSource({ host: 'db.internal' });\n}\nconst ds = make();\nawait ds.initialize();`)).toEqual(['SR107:6']);
    expect(lint(`${orm}const ds = new DataSource({ host: 'db.internal' });\nconst ready = ds.query('select 1');\nexport const handler = async () => { await ready; };`)).toEqual([
      'SR107:3',
    ]);
  });
  it('a hook that closes or renews the place clears it, under any name its object goes by', () => {
    const orm = `import { DataSource } from 'typeorm';\n${HOOKS}`;
    expect(
      lint(
        `${orm}class Repo {\n  ds = new DataSource({ host: 'db.internal' });\n  async open() {\n    await this.ds.initialize();\n  }\n}\nconst repo = new Repo();\nawait repo.open();\nregisterBeforeSnapshot(() => repo.ds.destroy());`,
      ),
    ).toEqual([]);
    expect(
      lint(
        `${orm}class Repo {\n  ds = new DataSource({ host: 'db.internal' });\n  async open() {\n    await this.ds.initialize();\n  }\n}\nconst repo = new Repo();\nawait repo.open();`,
      ),
    ).toEqual(['SR107:6']);
  });
  it('a server the module makes listen is no outbound connection', () => {
    const app = "import { createAdaptorServer } from '@hono/node-server';\n";
    expect(
      lint(
        `${app}const server = createAdaptorServer({ fetch: () => new Response('ok'), port: 8080, hostname: '127.0.0.1' });\nawait new Promise((resolve) => server.listen(8080, resolve));\nawait server.ready();`,
      ),
    ).toEqual([]);
    expect(lint(`${app}const client = createAdaptorServer({ fetch: () => new Response('ok'), host: 'db.internal' });\nawait client.ready();`)).toEqual(['SR107:3']);
  });
  it('a secret fetched in an awaited Promise.all and destructured is kept', () => {
    const sm = "import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';\nconst sm = new SecretsManagerClient({});\n";
    expect(lint(`${sm}export const [a, secret] = await Promise.all([Promise.resolve(1), sm.send(new GetSecretValueCommand({ SecretId: 'api' }))]);`)).toEqual(['SR108:3']);
    expect(lint(`${sm}export const handler = async () => Promise.all([sm.send(new GetSecretValueCommand({ SecretId: 'api' }))]);`)).toEqual([]);
  });
});

describe('values other modules see, and clients reached through a getter', () => {
  const lint = (source: string) => lintUniqueness(source, '/src/handler.js').map((f) => `${f.code}:${f.location!.line}`);
  const orm = "const { DataSource } = require('typeorm');\n";
  it('a client kept in exports, module.exports or globalThis, then worked on at init', () => {
    expect(lint(`${orm}exports.db = new DataSource({ host: 'db.internal' });\nexports.ready = exports.db.initialize();`)).toEqual(['SR107:3']);
    expect(lint(`${orm}module.exports.db = new DataSource({ host: 'db.internal' });\nmodule.exports.db.initialize().then(() => undefined);`)).toEqual(['SR107:3']);
    expect(lint(`${orm}globalThis.db ??= new DataSource({ host: 'db.internal' });\nawait globalThis.db.initialize();`)).toEqual(['SR107:3']);
  });
  it('a memoised getter called at init and worked on', () => {
    const getter = `${orm}let db;\nfunction getDb() {\n  db ??= new DataSource({ host: 'db.internal' });\n  return db;\n}\n`;
    expect(lint(`${getter}await getDb().initialize();`)).toEqual(['SR107:7']);
    expect(lint(`${getter}exports.handler = async () => getDb().initialize();`)).toEqual([]);
  });
  it('the default export made at init', () => {
    expect(
      lintUniqueness("import Redis from 'ioredis';\nexport default new Redis('redis://cache.internal');", '/src/cache.ts').map((f) => `${f.code}:${f.location!.line}`),
    ).toEqual(['SR107:2']);
  });
});
