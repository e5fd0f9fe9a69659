// neo4j-driver 6.3: driver() is lazy; verifyConnectivity()/executeQuery() acquire a Bolt connection and release it to the pool.
import neo4j from 'neo4j-driver';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';

const uri = process.env.NEO4J_URI ?? 'neo4j://graph.internal:7687';
const auth = neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD ?? 'local-only');

export const driver = neo4j.driver(uri, auth); // expect: none (neo4j-driver-core driver.js: creates the connection provider; the pool opens a connection on first acquire)
await driver.verifyConnectivity(); // expect: SR107 (connection-provider-pooled.js _verifyConnectivityAndGetServerVersion: acquires a Bolt connection, then connection.release() returns it to the pool, still open)
export const session = driver.session({ database: 'neo4j' }); // expect: none (a Session acquires a connection only in run())

let analytics = neo4j.driver(process.env.NEO4J_ANALYTICS_URI ?? 'neo4j://graph-ro.internal:7687', auth); // expect: none (constructor only)
const { records } = await analytics.executeQuery('RETURN 1 AS one'); // expect: none (closed before the snapshot and made again after the restore by the hooks below)
registerBeforeSnapshot(async () => {
  await analytics.close();
});
registerAfterRestore(() => {
  analytics = neo4j.driver(process.env.NEO4J_ANALYTICS_URI ?? 'neo4j://graph-ro.internal:7687', auth);
});

const reporting = neo4j.driver(process.env.NEO4J_REPORTING_URI ?? 'bolt://graph-rep.internal:7687', auth); // expect: none (never used at init)

export const handler = async (event: { name: string }) => {
  const res = await session.run('MERGE (u:User {name: $name}) RETURN u', { name: event.name }); // expect: none (in the handler)
  const rep = await reporting.executeQuery('MATCH (n) RETURN count(n) AS c'); // expect: none (in the handler)
  return { created: res.records.length, one: records.length, rep: rep.records.length, a: !!analytics };
};
