// cassandra-driver 4.10: Client is lazy; connect() (or the first execute()) opens the control connection and the host pools.
import cassandra from 'cassandra-driver';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

const contactPoints = (process.env.CASSANDRA_HOSTS ?? 'cassandra.internal').split(',');

export const client = new cassandra.Client({ contactPoints, localDataCenter: 'datacenter1', keyspace: 'app' }); // expect: none (lib/client.js Client(): stores options and builds the ControlConnection object; its random options.id is the driver's own Insights id, and no socket opens before connect())
await client.connect(); // expect: SR107 (lib/client.js _connect(): the control connection and every host pool open TCP sockets that stay open)

let sessions = new cassandra.Client({ contactPoints, localDataCenter: 'datacenter1' }); // expect: none (constructor only)
await sessions.connect(); // expect: none (shut down before the snapshot and connected again after the restore below)
registerBeforeSnapshot(() => sessions.shutdown());
registerAfterRestore(async () => {
  sessions = new cassandra.Client({ contactPoints, localDataCenter: 'datacenter1' });
  await sessions.connect();
});

const reports = new cassandra.Client({ contactPoints, localDataCenter: 'dc2' }); // expect: none (never used at init: the first execute() in the handler connects)

export const handler = async (event: { id: string }) => {
  const rs = await reports.execute('select * from users where id = ?', [event.id], { prepare: true }); // expect: none (in the handler)
  const per = new cassandra.Client({ contactPoints, localDataCenter: 'dc3' }); // expect: none (in the handler)
  return { row: rs.first(), hosts: client.hosts.length, s: sessions.connected, per: per.connected };
};
