// Shape: CommonJS with a namespace require and renamed destructuring of the runtime, exports.handler assigned late.
const sr = require('snapshot-restore');
const { registerAfterRestore: afterRestore } = require('snapshot-restore');
const Memcached = require('memcached');
const NodeCache = require('node-cache');
const { ulid } = require('ulidx');
const bcrypt = require('bcryptjs');

let mc = new Memcached('memcached.internal:11211'); // expect: none (no command at init)
let tokenCache = new NodeCache({ stdTTL: 600 }); // expect: none (closed before the snapshot and made again after the restore below)
sr.registerBeforeSnapshot(() => tokenCache.close());
afterRestore(() => {
  tokenCache = new NodeCache({ stdTTL: 600 });
});

let workerId = ulid(); // expect: none (renewed by the renamed afterRestore below)
afterRestore(() => {
  workerId = ulid();
});
const pepperSalt = bcrypt.genSaltSync(12); // expect: SR103 (random salt bytes at init, kept)

const rates = new NodeCache(); // expect: SR106 (default checkperiod 600: setTimeout armed in the constructor)

function handler(event, context, callback) {
  mc.get(event.key, (err, v) => callback(err, { v, workerId, pepperSalt, t: tokenCache.keys(), r: rates.keys() })); // expect: none (in the handler)
}
module.exports.handler = handler;
