// Rewritten from YasserAntagon/trucard, route/PGServer/model/db/db.js at 5244e8ba1322e78aaadb7521916f52588a17e04f
// (a lokijs error-log store). Changed: the path points to /tmp, the module exports a Lambda handler that records an
// error entry, and the commented-out SIGINT close is gone. lokijs 1.5.12: autoload queues loadDatabase() in a
// setTimeout(0) (src/lokijs.js:1074, fired right after init), autosave arms setInterval (autosaveEnable, lokijs.js:2917).
var loki = require('lokijs');
var db = new loki('/tmp/errorlog.db', { // expect: SR106 (autosave: true with autosaveInterval: autosaveEnable() arms a setInterval at init that nothing clears)
  autoload: true,
  autoloadCallback: databaseInitialize,
  autosave: true,
  autosaveInterval: 4000,
});

// implement the autoloadback referenced in loki constructor
function databaseInitialize() {
  var entries = db.getCollection('errorlog'); // expect: none (an in-memory lookup, run by the autoload callback)
  if (entries === null) {
    entries = db.addCollection('errorlog'); // expect: none (a collection without ttl: no timer)
  }
}

exports.db = db;
exports.handler = async (event) => {
  var entries = db.getCollection('errorlog') || db.addCollection('errorlog');
  entries.insert({ message: event.message, at: new Date().toISOString() }); // expect: none (in the handler)
  return { count: entries.count() };
};
