// tedis 0.1.12: the Base constructor (build/core/base.js:44-60) calls net.createConnection (or tls.connect) at once,
// so `new Tedis()` is connected when it returns; its id is a uuid v4 of the client, not a value the caller keeps.
// TedisPool's constructor only stores options (build/core/pool.js:41-52); getTedis() → newConnection() makes a Tedis;
// putTedis() returns it to the pool and release() closes every pooled connection; close() ends one client.
import { Tedis, TedisPool } from 'tedis';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

const host = process.env.REDIS_HOST ?? 'cache.internal';

const tedis = new Tedis({ host, port: 6379, timeout: 5000 }); // expect: SR107 (net.createConnection in the Base constructor: open at the snapshot)
tedis.on('error', () => {});
await tedis.set('boot', 'warm').catch(() => undefined); // expect: none (a command on the client already reported)

const pool = new TedisPool({ host, port: 6379, min_conn: 1, max_conn: 4 }); // expect: none (the constructor only stores options)
const warm = await pool.getTedis(); // expect: SR107 (getTedis → newConnection → new Tedis: a pooled socket opened at init)
pool.putTedis(warm); // expect: none (returned to the pool, still open: the finding is on the line above)

const sessions = new TedisPool({ host, port: 6380 });
const sessionConn = await sessions.getTedis(); // expect: none (the pool is released before the snapshot)
sessions.putTedis(sessionConn);
registerBeforeSnapshot(() => sessions.release());

let counters = new Tedis({ host, port: 6381 }); // expect: none (closed before the snapshot and made again after the restore)
counters.on('error', () => {});
registerBeforeSnapshot(() => counters.close());
registerAfterRestore(() => {
  counters = new Tedis({ host, port: 6381 });
});

export const handler = async (event: { key: string }) => {
  const conn = await pool.getTedis(); // expect: none (in the handler)
  try {
    return { value: await conn.get(event.key), hits: await counters.incr('hits'), boot: await tedis.get('boot') };
  } finally {
    pool.putTedis(conn);
  }
};
