// monk 7.3.4 over mongodb 3.7: the Manager constructor calls this.open() → MongoClient.connect() (lib/manager.js:
// Manager → Manager.prototype.open), so monk(url) opens the pool when it is made; db.get() only builds a Collection
// (manager.js get: no I/O); manager.id()/monk.id() with no argument is bson's ObjectID() (lib/helpers.js id: a
// process-unique random part drawn once and a counter), with a hex string it only parses it; close() ends the client.
const monk = require('monk');
const { registerAfterRestore, registerBeforeSnapshot } = require('snapshot-restore');

const url = process.env.MONGO_URL || 'mongo.internal:27017/orders';

const db = monk(url); // expect: SR107 (monk() → Manager → MongoClient.connect at construction: the pool is open at the snapshot)
const orders = db.get('orders'); // expect: none (a Collection object: no I/O of its own)
const audit = db.get('audit', { castIds: false }); // expect: none (another Collection on the same client)

const bootId = monk.id(); // expect: SR104 (an ObjectId made at init and kept: every restored environment stamps the same id)
const knownId = monk.id('64b7f0c2a1d3e4f5a6b7c8d9'); // expect: none (parsed from a given hex string)

let reports = monk(process.env.REPORTS_URL || 'mongo.internal:27017/reports'); // expect: none (closed before the snapshot and reopened after the restore)
registerBeforeSnapshot(() => reports.close());
registerAfterRestore(() => {
  reports = monk(process.env.REPORTS_URL || 'mongo.internal:27017/reports');
});

let archive;
function archiveDb() {
  if (!archive) archive = monk(process.env.ARCHIVE_URL || 'mongo.internal:27017/archive'); // expect: none (lazy: first made in the handler)
  return archive;
}

module.exports.handler = async (event) => {
  const requestId = monk.id(); // expect: none (in the handler)
  await orders.insert({ _id: requestId, boot: bootId, ref: knownId, body: event });
  await audit.insert({ at: new Date() }); // expect: none (in the handler)
  const old = await archiveDb().get('orders').count({});
  return { n: old, r: !!reports };
};
