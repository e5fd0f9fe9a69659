// Rewritten from lagden/rethink-lab: app/lib/rdb/conn.js @ 658dd8a45ea0b318a0908927e60e278f4e5613d4 and
// app/lib/rdb/get.js @ 25a0c0b0de7f6e3475d4edc8d8ceb5cf9353b54e. Changed: the two modules are inlined in one file;
// the `debug` helper → console.error; the messages translated from Portuguese; a Lambda handler that connects at
// module scope, ensures the database and table (as the app's start-up does with these helpers) and inserts a message
// was added. rethinkdb 2.4.2: r.connect() → TcpConnection net.connect (net.js:512).
const r = require('rethinkdb');

const { RDB_HOST: host = '127.0.0.1', RDB_PORT: port = 28015 } = process.env; // expect: none (function settings)

function conn() {
  return r.connect({ host, port }); // expect: SR107 (conn() is called at init below: the connection is kept in `ready`)
}

// Returns a database, creating it if it does not exist
async function db(c, name) {
  try {
    const dbList = await r.dbList().run(c); // expect: none (queries on the connection already reported)
    const found = dbList.find((d) => d === name);
    if (found) {
      return true;
    }
    const { dbs_created } = await r.dbCreate(name).run(c);
    return dbs_created === 1;
  } catch (err) {
    console.error(err);
  }
  throw new Error(`Database failure: ${name}`);
}

// Returns a table, creating it (and its index) if it does not exist
async function table(c, database, name, index) {
  try {
    const tableList = await database.tableList().run(c);
    const found = tableList.find((t) => t === name);
    if (found) {
      return true;
    }
    const { tables_created } = await database.tableCreate(name).run(c);
    if (tables_created === 1) {
      await database.table(name).indexCreate(index).run(c);
    }
    return tables_created === 1;
  } catch (err) {
    console.error(err);
  }
  throw new Error(`Table failure: ${name}`);
}

const ready = conn().then(async (c) => {
  await db(c, 'chat');
  await table(c, r.db('chat'), 'messages', 'createdAt');
  return c;
});
ready.catch(() => {});

exports.handler = async (event) => {
  const c = await ready;
  const res = await r.db('chat').table('messages').insert({ text: event.text, createdAt: r.now() }).run(c); // expect: none (in the handler; r.now() is evaluated by the server)
  return { inserted: res.inserted };
};
