// memcached 2.2 (CommonJS, as in its README): the client connects per server on the first command and pools the connection (idle: 5000).
const Memcached = require('memcached');

const memcached = new Memcached(process.env.MEMCACHED_SERVERS || 'memcached.internal:11211', { retries: 2, timeout: 500 }); // expect: none (lib/memcached.js Client(): parses servers and options; connect() runs per command)
memcached.get('config', (err, data) => { // expect: SR107 (lib/memcached.js connect(): the command opens a pooled net connection that stays in the pool (idle 5000 ms) at the snapshot)
  if (!err) exports.config = data;
});

const sessions = new Memcached(['mc-a.internal:11211', 'mc-b.internal:11211']); // expect: none (no command at init)

exports.handler = async (event) =>
  new Promise((resolve, reject) => {
    sessions.get(event.sid, (err, value) => (err ? reject(err) : resolve(value))); // expect: none (in the handler)
  });
