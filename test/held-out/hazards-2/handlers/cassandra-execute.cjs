// cassandra-driver 4.10, CommonJS as in its README: a warm-up execute() at init connects implicitly.
const cassandra = require('cassandra-driver');

const client = new cassandra.Client({ // expect: none (lib/client.js Client(): no socket in the constructor; its Uuid.random() options.id only identifies the driver to DSE Insights)
  contactPoints: [process.env.CASSANDRA_HOST || 'cassandra.internal'],
  localDataCenter: 'datacenter1',
});
const ready = client.execute('SELECT release_version FROM system.local'); // expect: SR107 (lib/client.js _execute() awaits this._connect() first: the pools open and stay open; the promise is kept)

const id = cassandra.types.Uuid.random(); // expect: SR104 (lib/types/uuid.js Uuid.random(): 16 bytes from crypto.randomBytes; a generated ID kept at module scope)
const fixed = cassandra.types.Uuid.fromString('c2b1d2f0-0b7a-4c2e-9d45-0f8f3a8f1c11'); // expect: none (parsed from a given string)
const now = cassandra.types.TimeUuid.now(); // expect: SR104 (lib/types/time-uuid.js TimeUuid.now(): the current time plus random node and clock-sequence bytes)

exports.handler = async () => {
  await ready;
  const row = await client.execute('select now() from system.local'); // expect: none (in the handler)
  return { id: id.toString(), fixed: fixed.toString(), now: now.toString(), rows: row.rowLength, perRequest: cassandra.types.Uuid.random().toString() }; // expect: none (in the handler)
};
