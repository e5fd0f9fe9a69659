// Part of the barrel: a default export made at module scope.
import loki from 'lokijs';

const db = new loki('/tmp/barrel.db', { autosave: true, autosaveInterval: 15_000 }); // expect: SR106 (autosaveEnable() in the constructor: setInterval armed at init through the barrel)
export default db;
