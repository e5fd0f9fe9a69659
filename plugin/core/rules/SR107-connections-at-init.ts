// SR107: a connection, pool or keep-alive agent opened at init with no hook of the module that
// closes or renews it: its sockets are in the snapshot, and every restored environment starts
// with the same (long closed) connections.
import { defineRule } from './rule.js';
import { IGNORE_HELP, assignable, keptText, whereText, type UniquenessRule } from './uniqueness-rule.js';

/** How each kind of client is closed, by canonical name. */
export const CLOSERS: Array<[RegExp, string]> = [
  [/^https?\.Agent$/, 'destroy()'],
  [/^(?:pg|mysql2?)\./, 'end()'],
  [/^(?:redis|ioredis)/, 'quit()'],
  [/^mongoose\./, 'disconnect()'],
  [/^mongodb\./, 'close()'],
  [/^(?:net|tls)\./, 'destroy()'],
];

const rule = defineRule({
  id: 'SR107',
  name: 'connections-at-init',
  title: 'a connection, pool or keep-alive agent opened at init with no hook that renews it',
  defaultSeverity: 'warning',
  type: 'problem',
  help: `A connection, pool or keep-alive agent opened at init with no hook that renews it: everything in memory at the snapshot is cloned into every restored environment, so its sockets are in the snapshot: every restored environment starts with the same connections, long closed by the server, or shares one session. Close it in a before-snapshot hook and open it again in an after-restore hook, or create it in the handler on first use. ${IGNORE_HELP('SR107')}`,
  messages: {
    openAtInit:
      '`{{call}}`{{kept}} {{where}}, and no hook of this module closes or renews it: its sockets are in the snapshot: every restored environment starts with the same connections, long closed by the server, or shares one session',
  },
  suggestions: {
    reopen:
      'close it before the snapshot and open it again after the restore: `registerBeforeSnapshot(() => {{name}}.{{closer}}); registerAfterRestore(() => { {{name}} = {{call}}; });`, or create it in the handler on first use',
  },
  checks: ['module/uniqueness.ts'],
});

export const SR107: UniquenessRule<'SR107'> = {
  ...rule,
  match: {
    calls: [
      'net.connect', 'net.createConnection', 'tls.connect',
      'mysql.createConnection', 'mysql.createPool', 'mysql2.createConnection', 'mysql2.createPool',
      'redis.createClient', 'mongoose.connect', 'mongoose.createConnection',
    ],
    constructs: ['http.Agent', 'https.Agent', 'pg.Pool', 'pg.Client', 'ioredis', 'ioredis.Redis', 'ioredis.default', 'ioredis.Cluster', 'mongodb.MongoClient'],
    needsStore: false,
  },
  describe: (found) => ({
    message: rule.message('openAtInit', { call: found.call, kept: keptText(found), where: whereText(found) }),
    suggestion: rule.suggest('reopen', {
      name: assignable(found) ?? 'connection',
      closer: CLOSERS.find(([pattern]) => pattern.test(found.canonical))?.[1] ?? 'close()',
      call: found.call,
    }),
  }),
};
