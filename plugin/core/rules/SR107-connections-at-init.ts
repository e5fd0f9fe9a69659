// SR107: a connection, pool or keep-alive agent opened at init with no hook of the module that
// closes or renews it: its sockets are in the snapshot, and every restored environment starts
// with the same (long closed) connections.
import { defineRule } from './rule.js';
import { IGNORE_HELP, assignable, constNote, keptText, whereText, type UniquenessRule } from './uniqueness-rule.js';

/** How each kind of client is closed, by canonical name. */
export const CLOSERS: Array<[RegExp, string]> = [
  [/^https?\./, 'destroy()'],
  [/^(?:pg|mysql2?|knex)\b/, 'end()'],
  [/^(?:redis|ioredis)\b/, 'quit()'],
  [/^mongoose\./, 'disconnect()'],
  [/^@prisma\/client\./, '$disconnect()'],
  [/^kafkajs\./, 'disconnect()'],
  [/^(?:net|tls)\./, 'destroy()'],
];

/** What each library's source says about when a socket opens (read in the installed sources of
 *  test/corpus; the corpus test checks every line of it). Constructing a client is not opening
 *  it: most modern clients connect on first use. */
const OPEN_AT_ONCE = [
  'net.connect',
  'net.createConnection',
  'tls.connect',
  // mysql2/lib/base/connection.js: BaseConnection's constructor calls Net.connect.
  'mysql2.createConnection',
  // mongoose.js: connect() and createConnection(uri) call conn.openUri().
  'mongoose.connect',
  'mongoose.createConnection',
  // mongo_client.js: static connect(url) is new MongoClient(url).connect().
  'mongodb.MongoClient.connect',
  // amqplib/channel_api.js connect(): raw_connect opens the socket.
  'amqplib.connect',
  'amqplib/callback_api.connect',
];
/** Constructors that connect at once (ioredis/built/Redis.js and cluster/index.js: this.connect()
 *  unless lazyConnect; ws/lib/websocket.js: initAsClient sends the upgrade request). */
const CONSTRUCTED_OPEN = ['ioredis', 'ioredis.Redis', 'ioredis.default', 'ioredis.Cluster', 'ws', 'ws.WebSocket', 'ws.default', 'WebSocket'];
/** Methods that open a connection of a client made earlier (`const pool = new Pool()` is
 *  `pg.Pool()`): pg's connect() → _connect(), and a Pool's query() leaves the client idle in the
 *  pool (idleTimeoutMillis 10 s); node-redis's connect(); MongoClient's connect(); Prisma's
 *  $connect() (engine start); sequelize's authenticate() (SELECT 1+1 through its pool);
 *  kafkajs producers' and consumers' connect(); mysql's connect() and query(); the pools' queries. */
const CLIENT_OPENS: Record<string, string[]> = {
  'pg.Pool()': ['connect', 'query'],
  'pg.Client()': ['connect'],
  'mysql.createConnection()': ['connect', 'query'],
  'mysql.createPool()': ['getConnection', 'query'],
  'mysql2.createPool()': ['getConnection', 'query', 'execute'],
  'redis.createClient()': ['connect'],
  'redis.createClient().on()': ['connect'],
  'redis.createCluster()': ['connect'],
  'ioredis()': ['connect'],
  'ioredis.Redis()': ['connect'],
  'ioredis.Cluster()': ['connect'],
  'mongodb.MongoClient()': ['connect'],
  '@prisma/client.PrismaClient()': ['$connect'],
  'sequelize.Sequelize()': ['authenticate', 'sync', 'query'],
  'kafkajs.Kafka().producer()': ['connect'],
  'kafkajs.Kafka().consumer()': ['connect'],
  'kafkajs.Kafka().admin()': ['connect'],
};
/** A knex query runs when awaited; tarn keeps the connection (min 2) in its free list. */
const AWAITED_QUERIES: Record<string, string[]> = {
  'knex()': ['raw', 'select', 'first', 'insert', 'update', 'del', 'transaction'],
  'knex.knex()': ['raw', 'select', 'first', 'insert', 'update', 'del', 'transaction'],
};
/** Requests through a keep-alive pool: fetch and undici (dispatcher/client.js keeps the socket
 *  for keepAliveTimeout), the Elasticsearch transport (undici), axios, got and node-fetch (Node's
 *  global agents, keep-alive since Node 19), node:http(s) through a keep-alive agent. The AWS SDK
 *  is left out on purpose: its retry strategy retries ECONNRESET/EPIPE on a stale socket. */
const REQUESTS = [
  'fetch',
  'undici.fetch',
  'undici.request',
  'undici.stream',
  ...['undici.Pool()', 'undici.Client()', 'undici.Agent()', 'undici.BalancedPool()'].flatMap((pool) => [`${pool}.request`, `${pool}.stream`]),
  ...['ping', 'info', 'search', 'get', 'index', 'bulk', 'count'].map((method) => `@elastic/elasticsearch.Client().${method}`),
  'axios',
  'got',
  'node-fetch',
  'got.extend()',
  ...['get', 'post', 'put', 'patch', 'delete', 'head', 'request'].flatMap((method) => [`axios.${method}`, `axios.create().${method}`, `got.${method}`]),
];
const NODE_REQUESTS = ['http.get', 'http.request', 'https.get', 'https.request'];
/** Agents that keep sockets: node's (with keepAlive: true) and agentkeepalive's (always). */
const KEEP_ALIVE_AGENTS = {
  'http.Agent': 'option',
  'https.Agent': 'option',
  agentkeepalive: 'always',
  'agentkeepalive.HttpsAgent': 'always',
  'agentkeepalive.default': 'always',
} as const;

/** How the socket opens, for the words of the finding. */
export function connectionVia(canonical: string): 'open' | 'method' | 'request' {
  if (REQUESTS.includes(canonical) || NODE_REQUESTS.includes(canonical)) return 'request';
  return canonical.includes('().') ? 'method' : 'open';
}

const rule = defineRule({
  id: 'SR107',
  name: 'connections-at-init',
  title: 'a socket open at the snapshot (a client connected at init, a request through a keep-alive pool) with no hook that renews it',
  defaultSeverity: 'warning',
  type: 'problem',
  help: `A socket open at the snapshot with no hook that renews it: a client that connects when it is made (ioredis without lazyConnect, mysql2 createConnection, mongoose.connect), a lazy client connected at init (pg connect() or query(), node-redis connect(), MongoClient connect(), Prisma $connect(), a knex warm-up query), or a request at init through a keep-alive pool (fetch, undici, axios, https with a keep-alive agent). Everything in memory at the snapshot is cloned into every restored environment, so every restored environment starts with the same connections, long closed by the server, or shares one session. Constructing a lazy client opens nothing and is fine. Close it in a before-snapshot hook and open it again in an after-restore hook, or connect in the handler on first use. ${IGNORE_HELP('SR107')}`,
  messages: {
    openAtInit:
      '`{{call}}` {{where}}: its sockets are in the snapshot. The connection{{kept}} is not closed or renewed by any hook of this module: every restored environment starts with the same connections, long closed by the server, or shares one session',
    requestAtInit:
      '`{{call}}` {{where}}: its keep-alive socket is still open in the snapshot. The request goes through a keep-alive pool: every restored environment starts with the same connection, long closed by the server',
  },
  suggestions: {
    reopen:
      'close it before the snapshot and open it again after the restore: `registerBeforeSnapshot(() => {{name}}.{{closer}}); registerAfterRestore(() => { {{name}} = {{call}}; });`, or create it in the handler on first use',
    reconnect:
      'connect in the handler on first use, or close it before the snapshot and connect a new one after the restore: `registerBeforeSnapshot(() => {{name}}.{{closer}});` and, in `registerAfterRestore`, make and connect it again',
    request: 'make the request in the handler, or after the restore (`registerAfterRestore`); if it must run at init, close the idle sockets in a before-snapshot hook',
  },
  checks: ['module/uniqueness.ts'],
});

export const SR107: UniquenessRule<'SR107'> = {
  ...rule,
  match: {
    calls: [
      ...OPEN_AT_ONCE,
      ...Object.entries(CLIENT_OPENS).flatMap(([client, methods]) => methods.map((m) => `${client}.${m}`)),
      ...Object.entries(AWAITED_QUERIES).flatMap(([client, methods]) => methods.map((m) => `${client}.${m}`)),
      ...REQUESTS,
      ...NODE_REQUESTS,
    ],
    constructs: CONSTRUCTED_OPEN,
    needsStore: false,
    when: {
      'mongoose.createConnection': { withArguments: true },
      ...Object.fromEntries(CONSTRUCTED_OPEN.filter((name) => name.startsWith('ioredis')).map((name) => [name, { unlessOption: 'lazyConnect' }])),
      ...Object.fromEntries(Object.entries(AWAITED_QUERIES).flatMap(([client, methods]) => methods.map((m) => [`${client}.${m}`, { awaited: true as const }]))),
      ...Object.fromEntries(NODE_REQUESTS.map((name) => [name, { keepAliveAgent: KEEP_ALIVE_AGENTS }])),
    },
  },
  describe: (found) => {
    const closer = CLOSERS.find(([pattern]) => pattern.test(found.canonical))?.[1] ?? 'close()';
    const name = assignable(found) ?? 'connection';
    const via = connectionVia(found.canonical);
    if (via === 'request') {
      return { message: rule.message('requestAtInit', { call: found.call, where: whereText(found) }), suggestion: rule.suggest('request') };
    }
    return {
      message: rule.message('openAtInit', { call: found.call, kept: keptText(found), where: whereText(found) }),
      suggestion: via === 'method' ? rule.suggest('reconnect', { name, closer }) : rule.suggest('reopen', { name, closer, call: found.call }) + constNote(found),
    };
  },
};
