// rethinkdb 2.4.2: r.connect() makes a TcpConnection, whose constructor opens net.connect(port, host) and arms a
// connect timeout (net.js:510-516); the promise resolves after the handshake. conn.close() ends the socket.
// r.table(...) only builds a query term; .run(conn) sends it on the given connection.
const r = require('rethinkdb');
const { registerAfterRestore, registerBeforeSnapshot } = require('snapshot-restore');

const host = process.env.RDB_HOST || 'rethink.internal';

let conn;
r.connect({ host, port: 28015, db: 'shop' }) // expect: SR107 (net.connect in TcpConnection at init; the connection is kept below)
  .then((c) => {
    conn = c;
    return r.table('products').count().run(c); // expect: none (a query on the connection already reported)
  })
  .catch((err) => console.error('rethinkdb', err.message));

const products = r.table('products'); // expect: none (a query term: no I/O)

let feed = null;
async function openFeed() {
  feed = await r.connect({ host, port: 28015, db: 'shop' }); // expect: none (closed before the snapshot and opened again after the restore)
}
openFeed().catch(() => {});
registerBeforeSnapshot(() => feed && feed.close());
registerAfterRestore(() => openFeed());

module.exports.handler = async () => {
  const c = conn || (await r.connect({ host, port: 28015, db: 'shop' })); // expect: none (in the handler)
  const rows = await products.limit(10).run(c);
  return { rows: await rows.toArray(), feed: !!feed };
};
