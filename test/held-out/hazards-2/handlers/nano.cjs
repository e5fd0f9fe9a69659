// nano 11 (CouchDB): nano(url) is lazy; requests go through fetch (undici).
const Nano = require('nano');
const { registerAfterRestore } = require('snapshot-restore');

const couch = Nano(process.env.COUCH_URL || 'http://admin:pw@couch.internal:5984'); // expect: none (lib/nano.js: builds the request functions; no request)
const orders = couch.use('orders'); // expect: none (a DocumentScope; no request)
const dbs = couch.db.list(); // expect: SR107 (lib/nano.js relax(): fetch(); the keep-alive socket of the global dispatcher is open at the snapshot)

let info = null;
registerAfterRestore(async () => {
  info = await couch.info();
});

exports.handler = async (event) => {
  const doc = await orders.get(event.id); // expect: none (in the handler)
  return { doc, dbs: await dbs, info };
};
