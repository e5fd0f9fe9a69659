// lokijs 1.5.12: autosave: true makes the constructor call autosaveEnable() (src/lokijs.js:1089-1091), which arms
// `this.autosaveHandle = setInterval(...)` (lokijs.js:2917); a Loki without autosave arms nothing; the ttl daemon of a
// collection is a setInterval too (lokijs.js:5396, setTTL with an interval).
const loki = require('lokijs');
const { registerAfterRestore, registerBeforeSnapshot } = require('snapshot-restore');

const db = new loki('/tmp/sessions.db', { autosave: true, autosaveInterval: 5000 }); // expect: SR106 (constructor → autosaveEnable(): setInterval armed at init, nothing clears it)
const sessions = db.addCollection('sessions', { indices: ['sid'] }); // expect: none (an in-memory collection: no timer, no I/O)

const memory = new loki('memory.db'); // expect: none (no autosave, no autoload: nothing armed)
const rates = memory.addCollection('rates', { ttl: 60_000, ttlInterval: 10_000 }); // expect: SR106 (addCollection → Collection constructor → setTTL(ttl, ttlInterval): this.ttl.daemon = setInterval(...), lokijs.js:5396)
const plain = memory.addCollection('plain'); // expect: none (no ttl option: no daemon)

const cacheDb = new loki('/tmp/cache.db', { autosave: true, autosaveInterval: 10_000 }); // expect: none (autosave is turned off before the snapshot and on again after the restore below)
registerBeforeSnapshot(() => cacheDb.autosaveDisable());
registerAfterRestore(() => cacheDb.autosaveEnable());

exports.handler = async (event) => {
  sessions.insert({ sid: event.sid });
  rates.insert({ k: event.sid });
  plain.insert({ k: 1 });
  const perRequest = new loki('req.db', { autosave: true, autosaveInterval: 1000 }); // expect: none (in the handler)
  perRequest.close();
  return { n: sessions.count(), c: cacheDb.listCollections().length };
};
